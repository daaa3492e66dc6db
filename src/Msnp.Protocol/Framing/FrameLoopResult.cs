namespace Msnp.Protocol.Framing;

/// <summary>How a <see cref="FrameLoop"/> run ended.</summary>
/// <param name="End">Why it returned.</param>
/// <param name="Violation">The framing violation, when <paramref name="End"/> is <see cref="FrameLoopEnd.Violation"/>.</param>
/// <param name="LeftOver">Bytes read but not consumed by a complete frame: a partial frame when the peer completed mid-frame.</param>
public readonly record struct FrameLoopResult(FrameLoopEnd End, FramingViolation Violation, long LeftOver);
