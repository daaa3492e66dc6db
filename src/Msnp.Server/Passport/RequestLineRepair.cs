namespace Msnp.Server.Passport;

/// <summary>
/// Turns an HTTP/0.9-style request line (<c>GET /rdr/pprdr.asp</c>, no version) into
/// <c>GET /rdr/pprdr.asp HTTP/1.0</c>, which Kestrel accepts. Any other line is left alone so that
/// Kestrel keeps judging it.
/// </summary>
internal static class RequestLineRepair
{
    /// <summary>How far into a connection we look for the end of the first line.</summary>
    public const int MaxLineBytes = 8 * 1024;

    private static ReadOnlySpan<byte> Version => " HTTP/1.0"u8;

    /// <summary>
    /// Repairs <paramref name="line"/> (the first line without its LF; a trailing CR is kept) when it is
    /// exactly <c>method SP target</c>; returns <see langword="false"/> for everything else.
    /// </summary>
    public static bool TryRepair(ReadOnlySpan<byte> line, out byte[] repaired)
    {
        repaired = [];
        var carriageReturn = line.EndsWith("\r"u8);
        var content = (carriageReturn ? line[..^1] : line).TrimEnd(" \t"u8);
        var space = content.IndexOf((byte)' ');
        if (space <= 0)
        {
            return false;
        }

        var method = content[..space];
        var target = content[(space + 1)..];
        if (!IsMethod(method) || target.IsEmpty || !IsTarget(target))
        {
            return false; // a version is present (target would contain a space), or the line is junk
        }

        repaired = new byte[content.Length + Version.Length + (carriageReturn ? 1 : 0)];
        content.CopyTo(repaired);
        Version.CopyTo(repaired.AsSpan(content.Length));
        if (carriageReturn)
        {
            repaired[^1] = (byte)'\r';
        }

        return true;
    }

    private static bool IsMethod(ReadOnlySpan<byte> method)
    {
        foreach (var b in method)
        {
            if (!char.IsAsciiLetterUpper((char)b))
            {
                return false;
            }
        }

        return true;
    }

    // Visible ASCII only: no spaces, no controls, nothing a later parser could read differently.
    private static bool IsTarget(ReadOnlySpan<byte> target)
    {
        foreach (var b in target)
        {
            if (b <= 0x20 || b >= 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
