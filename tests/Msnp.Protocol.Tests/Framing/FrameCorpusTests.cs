using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Corpus;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Every documented sample frame, read every way a pipe can hand it over, gives the same frame.</summary>
public class FrameCorpusTests
{
    public static TheoryData<string> Samples => FrameCorpus.SampleNames;

    public static TheoryData<string> Sessions => FrameCorpus.SessionNames;

    [Fact]
    public void The_corpus_covers_both_directions_in_five_dialects()
    {
        var covered = FrameCorpus.Sessions.Select(s => (s.Dialect.Version, s.Direction)).ToHashSet();
        foreach (int version in new[] { 2, 5, 7, 8, 9 })
        {
            Assert.Contains((version, FrameDirection.ClientToServer), covered);
            Assert.Contains((version, FrameDirection.ServerToClient), covered);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Reads_the_sample_from_one_contiguous_buffer(string name)
    {
        var sample = FrameCorpus.Sample(name);
        var scanner = sample.Scanner();

        Assert.Equal(sample.Expected.ToString(), Scanned.From(scanner, Sequences.Contiguous(sample.Wire)).ToString());
        Assert.Equal(sample.Expected.ToString(), Scanned.FromSpan(scanner, sample.Wire).ToString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Reads_the_sample_identically_however_it_is_segmented_or_guarded(string name)
    {
        var sample = FrameCorpus.Sample(name);
        var scanner = sample.Scanner();
        var expected = sample.Expected.ToString();

        foreach (var (how, sequence) in Sequences.AllWays(sample.Wire))
        {
            Assert.Equal($"{how}: {expected}", $"{how}: {Scanned.From(scanner, sequence)}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Bytes_after_the_frame_are_not_part_of_it(string name)
    {
        var sample = FrameCorpus.Sample(name);
        var scanner = sample.Scanner();
        var expected = sample.Expected.ToString();

        // Trailing bytes in the same buffer: another line end, garbage, the start of the next frame.
        foreach (var trailer in new[] { "\r\n"u8.ToArray(), [0xCC, 0xCC, (byte)'\n'], "PNG\r\n"u8.ToArray(), "MSG 9 A 99"u8.ToArray() })
        {
            byte[] buffer = [.. sample.Wire, .. trailer];
            Assert.Equal(expected, Scanned.From(scanner, Sequences.Contiguous(buffer)).ToString());
            Assert.Equal(expected, Scanned.From(scanner, Sequences.OneBytePerSegment(buffer)).ToString());
            Assert.Equal(expected, Scanned.FromSpan(scanner, buffer).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Never_reads_a_byte_past_the_frame_or_inside_the_payload(string name)
    {
        var sample = FrameCorpus.Sample(name);
        var scanner = sample.Scanner();

        // Whatever follows the frame cannot be read: touching it throws.
        var followedByPoison = BufferSegment.Chain([sample.Wire, new PoisonMemory(64).Memory]);
        Assert.Equal(sample.Expected.ToString(), Scanned.From(scanner, followedByPoison).ToString());

        if (sample.Payload is { Length: > 0 } payload)
        {
            // The payload is handed on by its announced length, never scanned.
            var lineBytes = sample.Wire.AsMemory(0, sample.Wire.Length - payload.Length);
            var unreadablePayload = BufferSegment.Chain([lineBytes, new PoisonMemory(payload.Length).Memory, new PoisonMemory(8).Memory]);
            var status = scanner.TryRead(unreadablePayload, out var frame, out _);
            Assert.Equal(ScanStatus.Complete, status);
            Assert.Equal(payload.Length, frame.Payload.Length);
            Assert.Equal(sample.Wire.Length, unreadablePayload.Slice(0, frame.End).Length);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decodes_the_parameters_as_written(string name)
    {
        var sample = FrameCorpus.Sample(name);
        var scanner = sample.Scanner();
        foreach (var sequence in new[] { Sequences.Contiguous(sample.Wire), Sequences.OneBytePerSegment(sample.Wire) })
        {
            Assert.Equal(ScanStatus.Complete, scanner.TryRead(sequence, out var frame, out _));
            Assert.True(MsnpCommand.TryDecode(frame, FramingLimits.Default, out var command, out var violation), violation.Describe());
            Assert.NotNull(command);
            Assert.Equal(sample.Code, command.Code.ToString());
            Assert.Equal(sample.TrId, command.TrId);
            Assert.Equal(sample.Parameters, command.Parameters);
            Assert.Equal(sample.Payload, command.Payload?.ToArray());

            // Single-spaced, CR LF-terminated input is already canonical: writing it back gives the same bytes.
            Assert.Equal(sample.Wire, command.ToBytes());
        }
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Reads_a_session_as_one_stream_advancing_by_each_frame_end(string name)
    {
        var session = FrameCorpus.Session(name);
        var scanner = new FrameScanner(CommandTable.For(session.Dialect, session.Direction));
        var expected = session.Frames.Select(Render).ToList();
        var wire = session.Wire;

        Assert.Equal(expected, FrameStreamReader.ReadBuffer(scanner, Sequences.Contiguous(wire)).Select(f => f.ToString()));
        Assert.Equal(expected, FrameStreamReader.ReadBuffer(scanner, Sequences.OneBytePerSegment(wire)).Select(f => f.ToString()));
        foreach (byte guard in Sequences.GuardBytes)
        {
            Assert.Equal(expected, FrameStreamReader.ReadBuffer(scanner, new ReadOnlySequence<byte>(Sequences.Guarded(wire, guard))).Select(f => f.ToString()));
        }

        for (int at = 0; at <= wire.Length; at++)
        {
            Assert.Equal(expected, FrameStreamReader.ReadBuffer(scanner, Sequences.SplitAt(wire, at)).Select(f => f.ToString()));
        }
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Reads_a_session_arriving_one_byte_at_a_time(string name)
    {
        var session = FrameCorpus.Session(name);
        var scanner = new FrameScanner(CommandTable.For(session.Dialect, session.Direction));
        var wire = session.Wire;

        var oneByOne = FrameStreamReader.ReadAll(scanner, [.. Enumerable.Range(0, wire.Length).Select(i => (ReadOnlyMemory<byte>)wire.AsMemory(i, 1))]);
        Assert.Equal(session.Frames.Select(Render), oneByOne.Select(f => f.ToString()));

        var inSevens = FrameStreamReader.ReadAll(scanner, [.. wire.Chunk(7).Select(c => (ReadOnlyMemory<byte>)c)]);
        Assert.Equal(session.Frames.Select(Render), inSevens.Select(f => f.ToString()));
    }

    // Within a stream each frame's End is relative to the buffer it was read from, i.e. its own length.
    private static string Render(FrameSample sample) => sample.Expected.ToString();
}
