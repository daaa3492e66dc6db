namespace Msnp.Protocol.Framing;

/// <summary>
/// What <see cref="FrameLoop"/> does with the frames it reads: the scanner for the next frame,
/// the frame itself, and the bytes consumed per read. Implement it on a struct so the loop is
/// compiled for that struct and its calls are direct (no delegate, no interface dispatch).
/// </summary>
public interface IFrameHandler
{
    /// <summary>The scanner for the next frame; asked before every frame, so it may change after one (a server after <c>VER</c>).</summary>
    FrameScanner Scanner { get; }

    /// <summary>
    /// Handles one complete frame; its slices are valid until the returned task completes. Returns
    /// true to go on reading, false to stop after this frame (the rest stays buffered in the reader).
    /// </summary>
    ValueTask<bool> OnFrameAsync(MsnpFrame frame);

    /// <summary>Called once per read with the bytes that complete frames consumed (more than zero).</summary>
    void OnConsumed(long bytes);
}
