namespace Msnp.Protocol.Framing;

/// <summary>Which side wrote the bytes being framed; the command tables differ per direction.</summary>
public enum FrameDirection
{
    /// <summary>Bytes a client sends, read by a server.</summary>
    ClientToServer,

    /// <summary>Bytes a server sends, read by a client.</summary>
    ServerToClient,
}
