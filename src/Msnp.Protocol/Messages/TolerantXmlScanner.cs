using System.Globalization;
using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// Just enough XML reading for alert documents that are often not well-formed (bare <c>&amp;</c>,
/// unescaped URLs): finds a start tag by name, reads its attributes, and the text up to the
/// matching end tag. Never throws; anything unreadable is simply not found.
/// </summary>
internal static class TolerantXmlScanner
{
    /// <summary>A start tag: where it begins and the index just after its closing <c>&gt;</c>.</summary>
    public readonly record struct Tag(int Start, int ContentStart, IReadOnlyDictionary<string, string> Attributes, bool SelfClosing);

    /// <summary>Finds the first <c>&lt;name</c> start tag at or after <paramref name="from"/> (name case ignored).</summary>
    public static Tag? FindTag(string xml, string name, int from)
    {
        int i = Math.Max(0, from);
        while (i < xml.Length)
        {
            int lt = xml.IndexOf('<', i);
            if (lt < 0 || lt + 1 + name.Length > xml.Length)
            {
                return null;
            }

            int after = lt + 1 + name.Length;
            if (string.Compare(xml, lt + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (after == xml.Length || xml[after] is '>' or '/' || char.IsWhiteSpace(xml[after])))
            {
                return ReadAttributes(xml, lt, after);
            }

            i = lt + 1;
        }

        return null;
    }

    /// <summary>The decoded text between a start tag and its end tag (or the end of the document).</summary>
    public static string ReadText(string xml, Tag tag, string name)
    {
        if (tag.SelfClosing)
        {
            return string.Empty;
        }

        int end = xml.IndexOf("</" + name, tag.ContentStart, StringComparison.OrdinalIgnoreCase);
        var raw = end < 0 ? xml[tag.ContentStart..] : xml[tag.ContentStart..end];
        return DecodeEntities(raw.Trim());
    }

    /// <summary>Decodes the five named entities and numeric references; leaves a bare <c>&amp;</c> alone.</summary>
    public static string DecodeEntities(string s)
    {
        if (!s.Contains('&'))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            int semi = s[i] == '&' ? s.IndexOf(';', i + 1, Math.Min(12, s.Length - i - 1)) : -1;
            if (semi > 0 && TryDecodeEntity(s.AsSpan(i + 1, semi - i - 1), sb))
            {
                i = semi + 1;
            }
            else
            {
                sb.Append(s[i++]);
            }
        }

        return sb.ToString();
    }

    private static Tag ReadAttributes(string xml, int start, int i)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        bool selfClosing = false;
        while (i < xml.Length)
        {
            char c = xml[i];
            if (c == '>')
            {
                return new Tag(start, i + 1, attributes, selfClosing);
            }

            if (char.IsWhiteSpace(c) || c == '/')
            {
                selfClosing = c == '/';
                i++;
                continue;
            }

            selfClosing = false;
            int nameStart = i;
            while (i < xml.Length && xml[i] != '=' && xml[i] != '>' && xml[i] != '/' && !char.IsWhiteSpace(xml[i]))
            {
                i++;
            }

            string attrName = xml[nameStart..i];
            while (i < xml.Length && char.IsWhiteSpace(xml[i]))
            {
                i++;
            }

            string value = string.Empty;
            if (i < xml.Length && xml[i] == '=')
            {
                i++;
                while (i < xml.Length && char.IsWhiteSpace(xml[i]))
                {
                    i++;
                }

                int valueStart;
                if (i < xml.Length && xml[i] is '"' or '\'')
                {
                    char quote = xml[i++];
                    valueStart = i;
                    int close = xml.IndexOf(quote, i);
                    int stop = close < 0 ? xml.IndexOf('>', i) : close;
                    stop = stop < 0 ? xml.Length : stop;
                    value = xml[valueStart..stop];
                    i = close < 0 ? stop : close + 1;
                }
                else
                {
                    valueStart = i;
                    while (i < xml.Length && xml[i] != '>' && !char.IsWhiteSpace(xml[i]))
                    {
                        i++;
                    }

                    value = xml[valueStart..i];
                }
            }

            attributes.TryAdd(attrName, DecodeEntities(value));
        }

        return new Tag(start, xml.Length, attributes, selfClosing);
    }

    private static bool TryDecodeEntity(ReadOnlySpan<char> name, StringBuilder sb)
    {
        switch (name)
        {
            case "amp": sb.Append('&'); return true;
            case "lt": sb.Append('<'); return true;
            case "gt": sb.Append('>'); return true;
            case "quot": sb.Append('"'); return true;
            case "apos": sb.Append('\''); return true;
        }

        if (name.Length > 1 && name[0] == '#')
        {
            bool hex = name[1] is 'x' or 'X';
            var digits = hex ? name[2..] : name[1..];
            if (int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int code)
                && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                sb.Append(char.ConvertFromUtf32(code));
                return true;
            }
        }

        return false;
    }
}
