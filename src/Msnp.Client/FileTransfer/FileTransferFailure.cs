namespace Msnp.Client.FileTransfer;

/// <summary>Why a transfer did not complete.</summary>
public enum FileTransferFailure
{
    /// <summary>The invitee answered <c>CANCEL</c> (usually <c>REJECT</c>).</summary>
    Declined,

    /// <summary>The other side cancelled: <c>CCL</c>, a cancel block, or a <c>CANCEL</c> after accepting.</summary>
    CancelledByPeer,

    /// <summary>This side cancelled through its <see cref="CancellationToken"/>.</summary>
    Cancelled,

    /// <summary>No answer, no connection, or a stalled link within the configured time.</summary>
    TimedOut,

    /// <summary>The link could not be established or closed before the end.</summary>
    ConnectionFailed,

    /// <summary>The connecting side presented a wrong auth cookie (too often).</summary>
    AuthenticationFailed,

    /// <summary>The bytes received do not match the announced size.</summary>
    SizeMismatch,

    /// <summary>The offer is larger than <see cref="FileTransferOptions.MaxReceiveSize"/>.</summary>
    TooLarge,

    /// <summary>The peer broke the MSNFTP or invitation rules, or reported a failure code.</summary>
    ProtocolError,

    /// <summary>The peer never acknowledged the P2P invitation: it does not speak MSNC P2P (try MSNFTP).</summary>
    NotSupported,
}
