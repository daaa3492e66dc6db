using System.Buffers;
using System.Text;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Framing.Support;

/// <summary>
/// What one call to the scanner produced, copied out of the buffer so that results from differently
/// segmented buffers can be compared. <see cref="End"/> is the offset of <see cref="MsnpFrame.End"/>.
/// </summary>
internal sealed record Scanned(ScanStatus Status, FramingError Error, ViolationAction Action, string Code, uint? TrId, byte[] Line, byte[]? Payload, long End, long Length)
{
    public static Scanned From(FrameScanner scanner, in ReadOnlySequence<byte> buffer)
    {
        var status = scanner.TryRead(buffer, out var frame, out var violation);
        if (status != ScanStatus.Complete)
        {
            return new Scanned(status, violation.Error, violation.Action, string.Empty, null, [], null, 0, 0);
        }

        long end = buffer.Slice(buffer.Start, frame.End).Length;
        return new Scanned(status, violation.Error, violation.Action, frame.Command.ToString(), frame.TrIdOrNull, CopyOut(frame.Line),
            frame.HasPayload ? CopyOut(frame.Payload) : null, end, frame.Length);
    }

    /// <summary>
    /// Copies a slice without touching empty segments: a slice that ends on a segment boundary may
    /// start in the next segment, which in the poison tests must never be read.
    /// </summary>
    public static byte[] CopyOut(in ReadOnlySequence<byte> slice)
    {
        var bytes = new List<byte>((int)slice.Length);
        foreach (var memory in slice)
        {
            if (!memory.IsEmpty)
            {
                bytes.AddRange(memory.Span);
            }
        }

        return [.. bytes];
    }

    /// <summary>The same through the span overload, rebuilt from the layout.</summary>
    public static Scanned FromSpan(FrameScanner scanner, ReadOnlySpan<byte> buffer)
    {
        var status = scanner.TryRead(buffer, out var layout, out var violation);
        if (status != ScanStatus.Complete)
        {
            return new Scanned(status, violation.Error, violation.Action, string.Empty, null, [], null, 0, 0);
        }

        return new Scanned(status, violation.Error, violation.Action, layout.Command.ToString(), layout.HasTrId ? (uint)layout.TrIdValue : null,
            buffer[..layout.LineLength].ToArray(), layout.HasPayload ? buffer.Slice(layout.PayloadOffset, layout.PayloadLength).ToArray() : null,
            layout.TotalLength, layout.TotalLength);
    }

    public static Scanned Complete(string code, uint? trId, byte[] line, byte[]? payload, long length) =>
        new(ScanStatus.Complete, FramingError.None, ViolationAction.Disconnect, code, trId, line, payload, length, length);

    public static Scanned NeedMoreData { get; } = new(ScanStatus.NeedMoreData, FramingError.None, ViolationAction.Disconnect, string.Empty, null, [], null, 0, 0);

    public static Scanned Violation(FramingError error) => new(ScanStatus.Violation, error, ViolationAction.Disconnect, string.Empty, null, [], null, 0, 0);

    /// <summary>A one-line rendering that makes two results comparable with a readable diff.</summary>
    public override string ToString() => Status switch
    {
        ScanStatus.Complete => $"Complete {Code} trid={TrId?.ToString() ?? "none"} line=\"{Escape(Line)}\" payload={(Payload is null ? "none" : $"\"{Escape(Payload)}\"")} end={End} length={Length}",
        ScanStatus.Violation => $"Violation {Error} {Action}",
        _ => $"{Status} {Error}",
    };

    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'\\' and not (byte)'"')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
