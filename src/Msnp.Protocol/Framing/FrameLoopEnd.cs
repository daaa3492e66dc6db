namespace Msnp.Protocol.Framing;

/// <summary>Why <see cref="FrameLoop"/> returned.</summary>
public enum FrameLoopEnd
{
    /// <summary>The peer finished sending (the reader completed); any partial frame is left over.</summary>
    Completed,

    /// <summary>The handler returned false; bytes after its frame stay in the reader for the next read.</summary>
    Stopped,

    /// <summary>The bytes broke framing (<see cref="FrameLoopResult.Violation"/> says how); nothing after the last good frame was handled.</summary>
    Violation,

    /// <summary>The pending read was cancelled with <c>PipeReader.CancelPendingRead</c>.</summary>
    Canceled,
}
