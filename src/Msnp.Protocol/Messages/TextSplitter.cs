namespace Msnp.Protocol.Messages;

/// <summary>
/// Splits text that would not fit one switchboard message (servers close the connection on a
/// longer <c>MSG</c>; the limit, headers included, is <see cref="Framing.FramingLimits.ClientMessagePayload"/>)
/// into several, as the official clients did: each part as long as fits, broken after a line
/// break or space when there is one in the last quarter, never inside a character.
/// </summary>
public static class TextSplitter
{
    /// <summary>The parts of <paramref name="text"/>, each a <see cref="TextMessage"/> with <paramref name="format"/> of at most <paramref name="payloadLimit"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not even one character fits within the limit beside the headers.</exception>
    public static IReadOnlyList<string> Split(string text, int payloadLimit, MessageFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Every part must take at least one character, the widest being a surrogate pair (4 UTF-8 bytes).
        if (Size("\U0001F600", format) > payloadLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLimit), payloadLimit, "The message headers leave no room for text within the limit.");
        }

        if (Size(text, format) <= payloadLimit)
        {
            return [text];
        }

        var parts = new List<string>();
        var rest = text.AsMemory();
        while (rest.Length > 0)
        {
            var take = Longest(rest.Span, payloadLimit, format);
            var cut = take;
            if (take < rest.Length)
            {
                // Prefer a natural break near the end of what fits.
                var window = rest.Span[(take * 3 / 4)..take];
                var at = window.LastIndexOfAny('\n', ' ');
                if (at >= 0)
                {
                    cut = (take * 3 / 4) + at + 1;
                }
            }

            parts.Add(rest.Span[..cut].ToString());
            rest = rest[cut..];
        }

        return parts;
    }

    private static int Size(ReadOnlySpan<char> text, MessageFormat? format) =>
        new TextMessage(text.ToString(), format).ToMimeMessage().ToBytes().Length;

    // The longest prefix that fits, found by halving (each probe builds one message), never ending between surrogates.
    private static int Longest(ReadOnlySpan<char> text, int payloadLimit, MessageFormat? format)
    {
        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Size(text[..mid], format) <= payloadLimit)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low < text.Length && char.IsHighSurrogate(text[low - 1]) ? low - 1 : low;
    }
}
