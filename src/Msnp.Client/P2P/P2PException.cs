namespace Msnp.Client.P2P;

/// <summary>A P2P session (e.g. a display-picture request) did not complete.</summary>
public sealed class P2PException : Exception
{
    /// <summary>Creates the exception.</summary>
    public P2PException(P2PFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Creates the exception.</summary>
    public P2PException()
        : this(P2PFailure.ProtocolError, "The P2P session failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public P2PException(string message)
        : this(P2PFailure.ProtocolError, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public P2PException(string message, Exception innerException)
        : this(P2PFailure.ProtocolError, message, innerException)
    {
    }

    /// <summary>Why it failed.</summary>
    public P2PFailure Failure { get; }
}

/// <summary>Why a P2P session failed.</summary>
public enum P2PFailure
{
    /// <summary>The peer never acknowledged the INVITE: it does not speak MSNC P2P.</summary>
    NotSupported,

    /// <summary>The peer answered 603 Decline (or another non-200 code).</summary>
    Declined,

    /// <summary>The peer closed the session (BYE) before the end.</summary>
    CancelledByPeer,

    /// <summary>This side cancelled.</summary>
    Cancelled,

    /// <summary>No answer or no progress in time.</summary>
    TimedOut,

    /// <summary>The data does not match its MSNObject (size or SHA1D).</summary>
    VerificationFailed,

    /// <summary>The peer broke the P2P rules (bad offsets, sizes beyond the total …).</summary>
    ProtocolError,

    /// <summary>The conversation closed under the session.</summary>
    ConnectionFailed,
}
