namespace Msnp.Client.Connections;

/// <summary>Why a connection ended, so callers can tell a clean sign-out from a network failure.</summary>
public enum DisconnectReason
{
    /// <summary>This side closed the connection.</summary>
    ClosedLocally,

    /// <summary>The server closed the connection.</summary>
    ClosedByServer,

    /// <summary>The server sent bytes that are not valid MSNP framing.</summary>
    ProtocolViolation,

    /// <summary>A socket error broke the connection.</summary>
    NetworkError,
}
