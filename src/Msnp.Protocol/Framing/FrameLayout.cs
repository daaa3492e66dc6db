using Msnp.Protocol.Commands;

namespace Msnp.Protocol.Framing;

/// <summary>Where the parts of a frame lie within a span, as offsets from the start of the frame.</summary>
/// <param name="Command">The command code.</param>
/// <param name="TrIdValue">The TrID, or -1 when the line has none.</param>
/// <param name="LineLength">Bytes of the command line, terminator excluded.</param>
/// <param name="PayloadOffset">Offset of the first payload byte (just after the line terminator).</param>
/// <param name="PayloadLength">Payload bytes, or -1 for a command without payload.</param>
public readonly record struct FrameLayout(CommandCode Command, long TrIdValue, int LineLength, int PayloadOffset, int PayloadLength)
{
    /// <summary>True when the line carries a TrID.</summary>
    public bool HasTrId => TrIdValue >= 0;

    /// <summary>True for a payload command.</summary>
    public bool HasPayload => PayloadLength >= 0;

    /// <summary>Total bytes of the frame.</summary>
    public int TotalLength => PayloadOffset + Math.Max(PayloadLength, 0);
}
