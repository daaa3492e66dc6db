namespace Msnp.Protocol.Dialects.Model;

/// <summary>Wire names of <see cref="PhoneKind"/>; case-sensitive (a lower-case type is answered with 715).</summary>
public static class PhoneKinds
{
    private static readonly string[] Names = ["PHH", "PHW", "PHM", "MOB", "MBE", "WWE"];

    /// <summary>The three-letter wire name, e.g. <c>PHH</c>.</summary>
    public static string WireName(this PhoneKind kind) =>
        (uint)kind < (uint)Names.Length ? Names[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a phone setting.");

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out PhoneKind kind)
    {
        int index = WireNameTable.IndexOf(Names, token);
        kind = index < 0 ? default : (PhoneKind)index;
        return index >= 0;
    }
}
