using Msnp.Protocol.Framing;

namespace Msnp.Load.Net;

/// <summary>
/// Handles one frame in place for <see cref="LoadConnection.ReadFramesAsync{THandler}"/>. Implement
/// it on a struct for the measured loops: the read loop is then compiled for it and calls it directly.
/// </summary>
public interface ILoadFrameHandler
{
    /// <summary>Handles a frame; its slices are valid only during the call. Returns false to stop reading after it.</summary>
    bool OnFrame(in MsnpFrame frame);
}
