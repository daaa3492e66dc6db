using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>The byte-level rules shared by the header parser and the builders.</summary>
internal static class MimeSyntax
{
    // Names the protocol uses all the time: parsing reuses these strings instead of allocating.
    private static readonly string[] KnownNames =
    [
        "MIME-Version", "Content-Type", "X-MMS-IM-Format", "TypingUser", "P2P-Dest",
        "Invitation-Command", "Invitation-Cookie", "Application-Name", "Application-GUID",
    ];

    private static readonly byte[][] KnownNameBytes = Array.ConvertAll(KnownNames, Encoding.ASCII.GetBytes);

    /// <summary>A field name is one or more printable ASCII bytes other than the colon.</summary>
    public static bool IsValidName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (byte b in name)
        {
            if (b is < 0x21 or > 0x7E or (byte)':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Same rule as the byte form, for names given by callers.</summary>
    public static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is < '!' or > '~' or ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A value may hold anything but CR and LF, which would end the line early.</summary>
    public static bool IsValidValue(string value) => value.AsSpan().IndexOfAny('\r', '\n') < 0;

    /// <summary>Turns validated name bytes into a string, reusing the common names.</summary>
    public static string NameToString(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < KnownNameBytes.Length; i++)
        {
            if (name.SequenceEqual(KnownNameBytes[i]))
            {
                return KnownNames[i];
            }
        }

        return Encoding.ASCII.GetString(name);
    }

    /// <summary>
    /// Parses one header line (line end already removed): <c>Name: value</c>. Exactly one space
    /// after the colon is dropped; the rest of the value is kept as written.
    /// </summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out MimeHeader header, out MimeParseError error)
    {
        header = default;
        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            error = MimeParseError.HeaderWithoutColon;
            return false;
        }

        var name = line[..colon];
        if (!IsValidName(name))
        {
            error = MimeParseError.InvalidHeaderName;
            return false;
        }

        var value = line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (value.IndexOf((byte)'\r') >= 0)
        {
            error = MimeParseError.InvalidHeaderValue;
            return false;
        }

        header = new MimeHeader(NameToString(name), Encoding.UTF8.GetString(value));
        error = MimeParseError.None;
        return true;
    }

    /// <summary>
    /// Finds the next line in <paramref name="data"/>, looking no further than a line of
    /// <paramref name="maxLineLength"/> bytes plus CR LF. Returns the line without its end and the
    /// number of bytes consumed including the end; fails when no line end is in reach.
    /// </summary>
    public static bool TryReadLine(ReadOnlySpan<byte> data, int maxLineLength, out ReadOnlySpan<byte> line, out int consumed, out MimeParseError error)
    {
        var window = data[..Math.Min(data.Length, maxLineLength + 2)];
        int lf = window.IndexOf((byte)'\n');
        if (lf < 0)
        {
            line = default;
            consumed = 0;
            // Without a line end, the bytes seen so far (less a CR that may start one) are the line.
            int length = window.Length - (!window.IsEmpty && window[^1] == (byte)'\r' ? 1 : 0);
            error = data.Length > window.Length || length > maxLineLength ? MimeParseError.HeaderLineTooLong : MimeParseError.MissingBlankLine;
            return false;
        }

        line = window[..lf];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        consumed = lf + 1;
        if (line.Length > maxLineLength)
        {
            error = MimeParseError.HeaderLineTooLong;
            return false;
        }

        error = MimeParseError.None;
        return true;
    }
}
