using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Msnp.Load.Net;

/// <summary>
/// The body of a load message: a plain-text MIME header, then a fixed-width sequence number and
/// send timestamp at a fixed offset (so the receiver parses them without searching), then padding
/// up to the requested size.
/// </summary>
public static class MessagePayload
{
    private const int Digits = 19;
    private static readonly StandardFormat Fixed = new('D', Digits);
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nseq=");
    private static readonly int SequenceOffset = Header.Length;
    private static readonly int TimestampOffset = SequenceOffset + Digits + 3; // ";t="

    /// <summary>The sequence number that tells the receiver the sender is done (not counted).</summary>
    public const long EndMarker = 999_999_999_999_999_999;

    /// <summary>The smallest body that holds the header and both numbers.</summary>
    public static int MinimumSize { get; } = TimestampOffset + Digits;

    /// <summary>A body of <paramref name="size"/> bytes to stamp with <see cref="Stamp"/> for each message.</summary>
    public static byte[] CreateTemplate(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinimumSize);
        var body = new byte[size];
        body.AsSpan().Fill((byte)'x');
        Header.CopyTo(body, 0);
        "0000000000000000000;t=0000000000000000000"u8.CopyTo(body.AsSpan(SequenceOffset));
        return body;
    }

    /// <summary>Writes the sequence number and timestamp into a copy of the template.</summary>
    public static void Stamp(Span<byte> body, long sequence, long timestamp)
    {
        Utf8Formatter.TryFormat(sequence, body.Slice(SequenceOffset, Digits), out _, Fixed);
        Utf8Formatter.TryFormat(timestamp, body.Slice(TimestampOffset, Digits), out _, Fixed);
    }

    /// <summary>Reads the sequence number and timestamp back; false when the body is not one of ours.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> body, out long sequence, out long timestamp)
    {
        sequence = timestamp = 0;
        if (body.Length < MinimumSize)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[MinimumSize];
        body.Slice(0, MinimumSize).CopyTo(head);
        return Utf8Parser.TryParse(head.Slice(SequenceOffset, Digits), out sequence, out var a) && a == Digits
            && Utf8Parser.TryParse(head.Slice(TimestampOffset, Digits), out timestamp, out var b) && b == Digits;
    }
}
