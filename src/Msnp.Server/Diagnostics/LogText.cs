using System.Globalization;
using System.Text;

namespace Msnp.Server.Diagnostics;

/// <summary>
/// Makes client-supplied text safe to log: at most <see cref="MaxLength"/> characters, control
/// and other invisible characters written as <c>\xNN</c> / <c>\uNNNN</c> escapes, so a peer can
/// neither flood the log nor forge lines or terminal sequences in it.
/// </summary>
public static class LogText
{
    /// <summary>Characters kept from client input before it is cut off.</summary>
    public const int MaxLength = 128;

    /// <summary>The loggable form of <paramref name="input"/>.</summary>
    public static string Sanitize(string? input)
    {
        if (input is null)
        {
            return "(null)";
        }

        int take = Math.Min(input.Length, MaxLength);
        if (take == input.Length && !NeedsEscape(input))
        {
            return input;
        }

        var builder = new StringBuilder(take + 16);
        for (int i = 0; i < take; i++)
        {
            char c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < take && char.IsLowSurrogate(input[i + 1]))
            {
                builder.Append(c).Append(input[++i]);
            }
            else if (c == '\\')
            {
                builder.Append(@"\\");
            }
            else if (c < 0x20 || c == 0x7F)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else if (IsInvisible(c) || char.IsSurrogate(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (take < input.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…(+{input.Length - take} chars)");
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string input)
    {
        foreach (char c in input)
        {
            if (c < 0x20 || c == 0x7F || c == '\\' || char.IsSurrogate(c) || IsInvisible(c))
            {
                return true;
            }
        }

        return false;
    }

    // C1 controls, line/paragraph separators, bidi overrides (and lone surrogates, handled above) can reorder or
    // break a log line as much as a CR LF can.
    private static bool IsInvisible(char c) =>
        (c >= 0x80 && c <= 0x9F) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
