namespace Msnp.Client.Connections;

/// <summary>Describes the end of a connection.</summary>
public sealed class DisconnectedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public DisconnectedEventArgs(DisconnectReason reason, Exception? error = null)
    {
        Reason = reason;
        Error = error;
    }

    /// <summary>Why the connection ended.</summary>
    public DisconnectReason Reason { get; }

    /// <summary>The socket or framing error behind <see cref="Reason"/>, if there was one.</summary>
    public Exception? Error { get; }
}
