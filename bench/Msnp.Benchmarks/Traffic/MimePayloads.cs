using System.Text;

namespace Msnp.Benchmarks.Traffic;

/// <summary>
/// Instant-message payloads of an exact byte length: the MIME header the official client sends
/// (formatting header included when it fits), then plain ASCII words as the body.
/// </summary>
internal static class MimePayloads
{
    private const string FormattedHeader =
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=MS%20Sans%20Serif; EF=; CO=0; CS=0; PF=22\r\n\r\n";

    private const string PlainHeader = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n";

    private static readonly string[] Words =
    [
        "hey", "are", "you", "there", "lol", "ok", "see", "the", "file", "I", "sent", "yesterday", "brb", ":)",
        "meeting", "at", "three", "tomorrow", "sounds", "good", "thanks", "what", "about", "dinner", "tonight", "?",
    ];

    /// <summary>The shortest payload this can build (the plain header and one body byte).</summary>
    public static int MinimumLength => PlainHeader.Length + 1;

    public static byte[] Create(int length, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        var header = length > FormattedHeader.Length + 20 ? FormattedHeader : PlainHeader;
        var text = new StringBuilder(length).Append(header);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? "\r\n" : " ");
        }

        text.Length = length;
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
