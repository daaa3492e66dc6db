namespace Msnp.Protocol.Framing;

/// <summary>The outcome of one attempt to read a frame.</summary>
public enum ScanStatus
{
    /// <summary>A complete frame was read.</summary>
    Complete,

    /// <summary>The buffer holds only part of a frame; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>The buffer starts with bytes that can never become a valid frame.</summary>
    Violation,
}
