using Msnp.Protocol.Framing;

namespace Msnp.Server.Connections;

/// <summary>The protocol state of one connection: it chooses how bytes are framed and handles each frame.</summary>
public interface IMsnpSession : IAsyncDisposable
{
    /// <summary>The scanner for the next frame; a session swaps it once the dialect is negotiated.</summary>
    FrameScanner Scanner { get; }

    /// <summary>Handles one complete frame. Its slices are valid only until the returned task completes.</summary>
    ValueTask HandleAsync(MsnpFrame frame);

    /// <summary>Called when the peer's bytes violate framing; the connection is then closed.</summary>
    void OnViolation(FramingViolation violation);

    /// <summary>Called when the connection's deadline passed; the connection is then closed.</summary>
    void OnDeadline();

    /// <summary>
    /// Called after the frames of one receive were handled, before the connection reads (and
    /// perhaps waits) again: a session that held back waking the writers of what it sent for
    /// those frames wakes them now (see <see cref="OutboundBuffer.WriteWithoutWaking"/>).
    /// </summary>
    void OnFramesHandled()
    {
    }
}
