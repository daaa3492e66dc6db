using System.Text;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Sessions;

/// <summary>
/// Splits text that would not fit one switchboard message (a 1664-byte MIME payload, headers
/// included; servers close the connection on more) into several, as the official clients did:
/// each part as long as fits, broken after a line break or space when there is one in the last
/// quarter, never inside a character.
/// </summary>
internal static class MessageSplitter
{
    /// <summary>The payload limit every switchboard applies to a client's <c>MSG</c>.</summary>
    public static int PayloadLimit { get; } = new FramingLimits().MaxClientMessagePayload;

    public static IReadOnlyList<string> Split(string text)
    {
        if (Fits(text))
        {
            return [text];
        }

        var parts = new List<string>();
        var rest = text.AsMemory();
        while (rest.Length > 0)
        {
            var take = Longest(rest.Span);
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

    private static bool Fits(ReadOnlySpan<char> text) => Size(text) <= PayloadLimit;

    private static int Size(ReadOnlySpan<char> text) => new TextMessage(text.ToString()).ToMimeMessage().ToBytes().Length;

    // The longest prefix that fits, found by halving (each probe builds one message), never ending between surrogates.
    private static int Longest(ReadOnlySpan<char> text)
    {
        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fits(text[..mid]))
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
