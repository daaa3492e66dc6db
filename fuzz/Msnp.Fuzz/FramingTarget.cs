using System.Buffers;
using System.Text.Unicode;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Fuzz;

/// <summary>
/// FrameScanner and MsnpCommand.TryDecode for every dialect and direction. Byte 0 picks the
/// dialect (low 3 bits) and direction (bit 3); byte 1 picks where the stream is split into
/// segments; the rest is the stream. Properties checked for each frame:
/// the contiguous and the segmented scan agree; a frame never reaches past the buffer nor exceeds
/// the line and payload limits; "need more data" only when no LF is within the line limit or the
/// payload is incomplete; a decoded command re-encodes to bytes that scan and decode to the same
/// command.
/// </summary>
internal sealed class FramingTarget : IFuzzTarget
{
    public void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var dialect = MsnpDialect.FromVersion(MsnpDialect.MinimumVersion + (input[0] & 7));
        var direction = (input[0] & 8) == 0 ? FrameDirection.ClientToServer : FrameDirection.ServerToClient;
        var scanner = new FrameScanner(CommandTable.For(dialect, direction));
        var data = input.AsMemory(2);
        int cut = data.Length == 0 ? 0 : input[1] % (data.Length + 1);
        int[] cuts = cut is > 0 && cut < data.Length ? (cut + 1 < data.Length ? [cut, cut + 1] : [cut]) : [];

        var whole = new ReadOnlySequence<byte>(data);
        var split = Segment.Split(data, cuts);
        int frames = 0;
        while (frames < 10_000)
        {
            var a = scanner.TryRead(whole, out var frame, out var violationA);
            var b = scanner.TryRead(split, out var frameB, out var violationB);
            Invariant.Check(a == b, $"contiguous scan said {a}, segmented scan said {b}");
            Invariant.Check(violationA == violationB, $"violations differ: {violationA} / {violationB}");
            if (a != ScanStatus.Complete)
            {
                if (a == ScanStatus.NeedMoreData)
                {
                    CheckNeedMore(scanner, whole);
                }

                return;
            }

            CheckFrame(scanner, whole, frame);
            Invariant.Check(frame.Length == frameB.Length && frame.Command == frameB.Command && frame.TrIdOrNull == frameB.TrIdOrNull
                && frame.HasPayload == frameB.HasPayload && frame.Payload.ToArray().AsSpan().SequenceEqual(frameB.Payload.ToArray()),
                "segmented scan read a different frame");
            CheckDecode(scanner, frame);
            whole = whole.Slice(frame.End);
            split = split.Slice(frameB.End);
            frames++;
        }
    }

    private static void CheckFrame(FrameScanner scanner, ReadOnlySequence<byte> buffer, in MsnpFrame frame)
    {
        var limits = scanner.Table.Limits;
        Invariant.Check(frame.Length > 0 && frame.Length <= buffer.Length, $"frame length {frame.Length} outside the buffer of {buffer.Length}");
        Invariant.Check(buffer.Slice(0, frame.End).Length == frame.Length, "End does not match Length");
        Invariant.Check(frame.Line.Length <= limits.MaxLineLength, $"line of {frame.Line.Length} bytes exceeds the limit");
        Invariant.Check(frame.Line.PositionOf((byte)'\n') is null, "line contains LF");
        var max = scanner.Table.Get(frame.Command).MaxPayload;
        Invariant.Check(!frame.HasPayload || frame.Payload.Length <= max, $"payload of {frame.Payload.Length} bytes exceeds {max}");
        Invariant.Check(frame.HasPayload || frame.Payload.Length == 0, "payload on a command without one");
        long terminator = frame.Length - frame.Line.Length - frame.Payload.Length;
        Invariant.Check(terminator is 1 or 2, $"line terminator of {terminator} bytes");
        Invariant.Check(frame.HasTrId == frame.TrIdOrNull.HasValue, "HasTrId disagrees with TrIdOrNull");
    }

    // Nothing complete: there must be no LF inside the line window, or the payload must be short.
    private static void CheckNeedMore(FrameScanner scanner, ReadOnlySequence<byte> buffer)
    {
        var window = buffer.Slice(0, Math.Min(buffer.Length, scanner.Table.Limits.MaxLineLength + 2L));
        var lf = window.PositionOf((byte)'\n');
        if (lf is null)
        {
            Invariant.Check(window.Length < scanner.Table.Limits.MaxLineLength + 2L, "no LF within the limit, yet no violation");
            return;
        }

        // A complete line that still waits: it must be a payload command whose payload has not all arrived.
        var withLf = buffer.Slice(0, buffer.GetPosition(1, lf.Value)).ToArray();
        var probe = new byte[withLf.Length + scanner.Table.Limits.MaxServerPayload + 1];
        withLf.CopyTo(probe, 0);
        var status = scanner.TryRead(new ReadOnlySequence<byte>(probe), out var frame, out _);
        Invariant.Check(status == ScanStatus.Complete && frame.HasPayload && frame.Length > buffer.Length,
            "need more data for a complete line whose frame fits in the buffer");
    }

    private static void CheckDecode(FrameScanner scanner, in MsnpFrame frame)
    {
        var limits = scanner.Table.Limits;
        if (!MsnpCommand.TryDecode(frame, limits, out var command, out var violation))
        {
            Invariant.Check(violation.Error == FramingError.TooManyTokens, $"decode refused with {violation.Error}");
            return;
        }

        Invariant.Check(command is not null, "decode succeeded without a command");
        Invariant.Check(command.Code == frame.Command && command.TrId == frame.TrIdOrNull, "decoded code or TrID differs from the frame");
        Invariant.Check(command.Parameters.Count + 1 + (command.TrId.HasValue ? 1 : 0) <= limits.MaxTokens, "more tokens than the limit");
        Invariant.Check(command.Payload.HasValue == frame.HasPayload, "payload presence differs");

        var line = frame.Line.ToArray();
        if (!Utf8.IsValid(line) || line.AsSpan().Contains((byte)'\r'))
        {
            return; // such tokens do not survive a string round trip (by design: the writer refuses CR)
        }

        var bytes = command.ToBytes();
        var status = scanner.TryRead(new ReadOnlySequence<byte>(bytes), out var again, out var againViolation);
        Invariant.Check(status == ScanStatus.Complete, $"re-encoded command does not scan: {status} {againViolation}");
        Invariant.Check(again.Length == bytes.Length, "re-encoded command scans to a different length");
        Invariant.Check(MsnpCommand.TryDecode(again, limits, out var decoded, out _) && decoded is not null, "re-encoded command does not decode");
        Invariant.Check(decoded.Code == command.Code && decoded.TrId == command.TrId
            && decoded.Parameters.SequenceEqual(command.Parameters, StringComparer.Ordinal)
            && decoded.Payload.GetValueOrDefault().Span.SequenceEqual(command.Payload.GetValueOrDefault().Span),
            "round trip changed the command");
    }
}
