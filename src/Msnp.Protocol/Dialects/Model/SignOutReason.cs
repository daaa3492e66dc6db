namespace Msnp.Protocol.Dialects.Model;

/// <summary>Why the server ends a session with <c>OUT</c> (catalogue §5.12).</summary>
public enum SignOutReason
{
    /// <summary><c>OTH</c>: the same account signed in elsewhere.</summary>
    OtherSession,

    /// <summary><c>SSD</c>: the server is shutting down.</summary>
    ServerShutdown,
}
