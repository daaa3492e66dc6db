namespace Msnp.Protocol.Dialects.Model;

/// <summary>
/// Lookup for enums whose values are numbered 0..n-1 in the order of a table of wire names, so
/// each enum keeps only its table (case-sensitive, as the protocol is).
/// </summary>
internal static class WireNameTable
{
    /// <summary>The position of <paramref name="token"/> in <paramref name="names"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<string> names, ReadOnlySpan<char> token)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (token.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
