using System.Buffers;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Corpus;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>A frame that has not fully arrived is never a frame and never a violation: the reader waits and consumes nothing.</summary>
public class FramePrefixTests
{
    public static TheoryData<string> Samples => FrameCorpus.SampleNames;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_strict_prefix_needs_more_data(string name)
    {
        var sample = FrameCorpus.Sample(name);
        var scanner = sample.Scanner();
        var wire = sample.Wire;

        for (int length = 0; length < wire.Length; length++)
        {
            var prefix = wire[..length];
            AssertNeedsMoreData(scanner, Sequences.Contiguous(prefix), $"prefix {length}, contiguous");
            AssertNeedsMoreData(scanner, Sequences.OneBytePerSegment(prefix), $"prefix {length}, one byte per segment");
            AssertNeedsMoreData(scanner, Sequences.SplitAt(prefix, length / 2), $"prefix {length}, split in the middle");

            // A stray LF just past the prefix must not be mistaken for the line end.
            AssertNeedsMoreData(scanner, new ReadOnlySequence<byte>(Sequences.Guarded(prefix, (byte)'\n')), $"prefix {length}, LF guards");

            var spanStatus = scanner.TryRead(prefix, out _, out var spanViolation);
            Assert.True(spanStatus == ScanStatus.NeedMoreData && spanViolation.Error == FramingError.None,
                $"prefix {length} through the span overload: {spanStatus} {spanViolation.Error}");
        }
    }

    [Fact]
    public void A_stream_cut_inside_its_second_frame_yields_the_first_then_waits()
    {
        var session = FrameCorpus.Session("MSNP8 session client");
        var scanner = new FrameScanner(CommandTable.For(session.Dialect, session.Direction));
        int first = session.Frames[0].Wire.Length;
        int second = session.Frames[1].Wire.Length;
        var wire = session.Wire;

        for (int cut = first; cut < first + second; cut++)
        {
            var frames = FrameStreamReader.ReadBuffer(scanner, Sequences.Contiguous(wire[..cut]));
            if (cut == first)
            {
                Assert.Equal([session.Frames[0].Expected.ToString()], frames.Select(f => f.ToString()));
            }
            else
            {
                Assert.Equal([session.Frames[0].Expected.ToString(), Scanned.NeedMoreData.ToString()], frames.Select(f => f.ToString()));
            }
        }
    }

    private static void AssertNeedsMoreData(FrameScanner scanner, ReadOnlySequence<byte> buffer, string how)
    {
        var status = scanner.TryRead(buffer, out var frame, out var violation);
        Assert.True(status == ScanStatus.NeedMoreData, $"{how}: expected NeedMoreData, got {status} ({violation.Error})");
        Assert.Equal(FramingError.None, violation.Error);
        Assert.Equal(0, frame.Length);
        Assert.True(frame.Line.IsEmpty && frame.Payload.IsEmpty, $"{how}: a frame that needs more data must expose nothing");
    }
}
