namespace Msnp.Protocol.Messages;

/// <summary>The <c>Cancel-Code</c> of a <c>CANCEL</c> invitation message.</summary>
public enum InvitationCancelCode
{
    /// <summary>Missing or not one of the documented codes; see <see cref="Invitation.CancelCodeText"/>.</summary>
    Unknown,

    /// <summary><c>REJECT</c>: the user declined.</summary>
    Reject,

    /// <summary><c>TIMEOUT</c>: nobody answered in time.</summary>
    Timeout,

    /// <summary><c>FTTIMEOUT</c>: the file transfer connection timed out.</summary>
    FileTransferTimeout,

    /// <summary><c>OUTBANDCANCEL</c>: cancelled on the out-of-band connection.</summary>
    OutOfBandCancel,

    /// <summary><c>FAIL</c>: the application failed.</summary>
    Fail,

    /// <summary><c>REJECT_NOT_INSTALLED</c>: the invitee lacks the application.</summary>
    RejectNotInstalled,
}
