using System.Buffers;
using System.Buffers.Text;

namespace Msnp.Load.Forwarding;

/// <summary>
/// The forwarder's data path in <see cref="ForwarderMode.Acknowledge"/>: the least framing that
/// can answer <c>MSG TrID A len</c> with <c>ACK TrID</c>. A line ends at LF; a line starting with
/// <c>MSG</c> is followed by as many bytes as its last token says. The bytes of every complete
/// frame in a read go to the other leg unchanged in one send, then the read's ACKs in another.
/// </summary>
internal static class AcknowledgingCopy
{
    // Set-up lines of our own load clients are short; anything longer is not one of them.
    private const int MaxLine = 4096;
    private const int MaxPayload = 64 * 1024;
    private const int MaxAck = 16; // "ACK 4294967295\r\n"

    public static async Task RunAsync(ForwarderLeg from, ForwarderLeg to, CancellationToken cancellationToken)
    {
        var acks = new byte[4096];
        while (true)
        {
            var result = await from.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var complete = Scan(buffer, acks, out var ackLength, out var full);
            if (complete > 0)
            {
                await to.SendAsync(buffer.Slice(0, complete), cancellationToken).ConfigureAwait(false);
            }

            if (ackLength > 0)
            {
                await from.SendAsync(acks.AsMemory(0, ackLength), cancellationToken).ConfigureAwait(false);
            }

            // When the ACK buffer filled up, the rest has not been looked at yet: read it again at once.
            var consumed = buffer.GetPosition(complete);
            if (full)
            {
                from.Reader.AdvanceTo(consumed);
            }
            else
            {
                from.Reader.AdvanceTo(consumed, buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Bytes of the complete frames at the start of <paramref name="buffer"/>; the ACKs they ask for go to <paramref name="acks"/>.</summary>
    internal static long Scan(in ReadOnlySequence<byte> buffer, Span<byte> acks, out int ackLength, out bool full)
    {
        var reader = new SequenceReader<byte>(buffer);
        ackLength = 0;
        full = false;
        long complete = 0;
        while (true)
        {
            if (acks.Length - ackLength < MaxAck)
            {
                full = true;
                return complete;
            }

            if (!reader.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
            {
                return reader.Remaining > MaxLine ? throw new InvalidDataException("A line without an end.") : complete;
            }

            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            if (line.StartsWith("MSG "u8))
            {
                var length = PayloadLength(line);
                if (reader.Remaining < length)
                {
                    return complete;
                }

                reader.Advance(length);
                if (AckMode(line, out var trId) == (byte)'A')
                {
                    "ACK "u8.CopyTo(acks[ackLength..]);
                    trId.CopyTo(acks[(ackLength + 4)..]);
                    "\r\n"u8.CopyTo(acks[(ackLength + 4 + trId.Length)..]);
                    ackLength += 6 + trId.Length;
                }
            }

            complete = reader.Consumed;
        }
    }

    // MSG TrID ack-mode length: the last token.
    private static int PayloadLength(ReadOnlySpan<byte> line)
    {
        var token = line[(line.LastIndexOf((byte)' ') + 1)..];
        return Utf8Parser.TryParse(token, out int length, out var used) && used == token.Length && length is >= 0 and <= MaxPayload
            ? length
            : throw new InvalidDataException("A MSG line without a valid length.");
    }

    private static byte AckMode(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> trId)
    {
        var rest = line[4..];
        var space = rest.IndexOf((byte)' ');
        trId = space is > 0 and <= 10 ? rest[..space] : default;
        var mode = space < 0 ? default : rest[(space + 1)..];
        return trId.IsEmpty || mode.Length < 2 || mode[1] != (byte)' ' ? (byte)0 : mode[0];
    }
}
