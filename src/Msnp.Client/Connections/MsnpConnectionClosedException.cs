namespace Msnp.Client.Connections;

/// <summary>A transaction could not complete because its connection closed first.</summary>
public sealed class MsnpConnectionClosedException : IOException
{
    /// <summary>Creates the exception with the reason the connection closed.</summary>
    public MsnpConnectionClosedException(DisconnectReason reason, Exception? inner = null)
        : base($"The connection closed ({reason}).", inner)
    {
        Reason = reason;
    }

    /// <summary>Why the connection closed.</summary>
    public DisconnectReason Reason { get; }
}
