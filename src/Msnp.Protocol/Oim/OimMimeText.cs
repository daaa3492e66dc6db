using System.Text;

namespace Msnp.Protocol.Oim;

/// <summary>
/// The small MIME reader and writer the offline-message texts need: header lines, a blank line, and a
/// base64 body in 76-character lines. Lines may end in LF or CRLF, because an XML parser turns the
/// CRLF of a SOAP element's text into LF before anyone reads it.
/// </summary>
public static class OimMimeText
{
    /// <summary>Most header lines read; a text with more is refused.</summary>
    public const int MaxHeaders = 40;

    /// <summary>Longest header line read.</summary>
    public const int MaxHeaderLineLength = 1024;

    /// <summary>Line length of the base64 body, as the official clients wrote it.</summary>
    public const int Base64LineLength = 76;

    /// <summary>
    /// Splits <paramref name="text"/> into headers (name, value; names compared without case by the caller)
    /// and the body after the first blank line. False when there is no blank line, too many or too long
    /// header lines, or a line without a colon. Folded lines (starting with a space or tab) continue the previous value.
    /// </summary>
    public static bool TrySplit(string text, out List<KeyValuePair<string, string>> headers, out string body)
    {
        ArgumentNullException.ThrowIfNull(text);
        headers = [];
        body = string.Empty;
        int position = 0;
        while (true)
        {
            int end = text.IndexOf('\n', position);
            if (end < 0)
            {
                return false;
            }

            var line = text.AsSpan(position, end - position).TrimEnd('\r');
            position = end + 1;
            if (line.IsEmpty)
            {
                body = text[position..];
                return true;
            }

            if (line.Length > MaxHeaderLineLength)
            {
                return false;
            }

            if (line[0] is ' ' or '\t')
            {
                if (headers.Count == 0)
                {
                    return false;
                }

                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim().ToString());
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon <= 0 || headers.Count == MaxHeaders)
            {
                return false;
            }

            headers.Add(new(line[..colon].Trim().ToString(), line[(colon + 1)..].Trim().ToString()));
        }
    }

    /// <summary>The first header called <paramref name="name"/> (any case), or null.</summary>
    public static string? Find(List<KeyValuePair<string, string>> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Base64 of the UTF-8 text in lines of <see cref="Base64LineLength"/>, separated by <paramref name="newLine"/>.</summary>
    public static string EncodeBody(string text, string newLine)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(encoded.Length + (encoded.Length / Base64LineLength * newLine.Length));
        for (int i = 0; i < encoded.Length; i += Base64LineLength)
        {
            if (i > 0)
            {
                builder.Append(newLine);
            }

            builder.Append(encoded, i, Math.Min(Base64LineLength, encoded.Length - i));
        }

        return builder.ToString();
    }

    /// <summary>Decodes a base64 body (whitespace and line breaks ignored) as strict UTF-8; false when either fails.</summary>
    public static bool TryDecodeBody(string body, out string text)
    {
        text = string.Empty;
        var compact = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        var bytes = new byte[compact.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(compact.ToString(), bytes, out int length))
        {
            return false;
        }

        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>An RFC 2047 encoded word for a display name: <c>=?utf-8?B?…?=</c>; empty for an empty name.</summary>
    public static string EncodeWord(string text) =>
        text.Length == 0 ? string.Empty : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    /// <summary>
    /// Decodes one RFC 2047 encoded word (<c>B</c> or <c>Q</c>; UTF-8, US-ASCII or ISO-8859-1); any
    /// other text is returned as it is.
    /// </summary>
    public static string DecodeWord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        // "=?=" starts with "=?" and ends with "?=" on one shared '?': at least four characters make a word.
        if (trimmed.Length < 4 || !trimmed.StartsWith("=?", StringComparison.Ordinal) || !trimmed.EndsWith("?=", StringComparison.Ordinal))
        {
            return text;
        }

        var parts = trimmed[2..^2].Split('?');
        if (parts.Length != 3)
        {
            return text;
        }

        Encoding? charset = parts[0].ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => new UTF8Encoding(false, false),
            "US-ASCII" => Encoding.ASCII,
            "ISO-8859-1" or "LATIN1" => Encoding.Latin1,
            _ => null,
        };
        if (charset is null)
        {
            return text;
        }

        byte[]? bytes = parts[1].ToUpperInvariant() switch
        {
            "B" => TryBase64(parts[2]),
            "Q" => QuotedPrintable(parts[2]),
            _ => null,
        };
        return bytes is null ? text : charset.GetString(bytes);
    }

    private static byte[]? TryBase64(string s)
    {
        var buffer = new byte[s.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(s.Trim(), buffer, out int n) ? buffer[..n] : null;
    }

    private static byte[] QuotedPrintable(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '=' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)(c < 0x80 ? c : '?'));
            }
        }

        return [.. bytes];
    }
}
