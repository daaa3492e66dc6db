using System.Buffers;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Framing.Support;

/// <summary>
/// Plays the connection loop: chunks arrive one after another, and after each arrival frames are
/// read and the buffer advanced by <see cref="MsnpFrame.End"/> until the scanner asks for more.
/// </summary>
internal static class FrameStreamReader
{
    public static List<Scanned> ReadAll(FrameScanner scanner, IReadOnlyList<ReadOnlyMemory<byte>> chunks, Action<MsnpFrame>? onFrame = null)
    {
        var frames = new List<Scanned>();
        var arrived = new List<ReadOnlyMemory<byte>>();
        long consumed = 0;
        foreach (var chunk in chunks)
        {
            arrived.Add(chunk);
            while (true)
            {
                var buffer = BufferSegment.Chain(arrived).Slice(consumed);
                if (buffer.IsEmpty)
                {
                    break;
                }

                var status = scanner.TryRead(buffer, out var frame, out var violation);
                if (status == ScanStatus.NeedMoreData)
                {
                    Assert.Equal(FramingError.None, violation.Error);
                    break;
                }

                if (status == ScanStatus.Violation)
                {
                    frames.Add(Scanned.Violation(violation.Error));
                    return frames;
                }

                onFrame?.Invoke(frame);
                var scanned = Scanned.From(scanner, buffer);
                Assert.Equal(scanned.End, buffer.Slice(buffer.Start, frame.End).Length);
                Assert.True(scanned.End > 0, "A complete frame must consume at least one byte.");
                frames.Add(scanned);
                consumed += scanned.End;
            }
        }

        long total = chunks.Sum(c => (long)c.Length);
        Assert.True(consumed == total, $"{total - consumed} bytes were left unread at the end of the stream.");
        return frames;
    }

    /// <summary>Reads a whole buffer in a loop that advances by each frame's End, without arrivals.</summary>
    public static List<Scanned> ReadBuffer(FrameScanner scanner, ReadOnlySequence<byte> buffer)
    {
        var frames = new List<Scanned>();
        while (!buffer.IsEmpty)
        {
            var status = scanner.TryRead(buffer, out var frame, out var violation);
            if (status != ScanStatus.Complete)
            {
                frames.Add(status == ScanStatus.Violation ? Scanned.Violation(violation.Error) : Scanned.NeedMoreData);
                return frames;
            }

            frames.Add(Scanned.From(scanner, buffer));
            buffer = buffer.Slice(frame.End);
        }

        return frames;
    }
}
