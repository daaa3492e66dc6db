namespace Msnp.Protocol.Messages;

/// <summary>The <c>Invitation-Command</c> of an invitation message.</summary>
public enum InvitationCommand
{
    /// <summary>Missing or not one of the documented commands; see <see cref="Invitation.CommandText"/>.</summary>
    Unknown,

    /// <summary><c>INVITE</c>: the first message, from the inviter.</summary>
    Invite,

    /// <summary><c>ACCEPT</c>: the invitee accepts, or the inviter confirms with its address.</summary>
    Accept,

    /// <summary><c>CANCEL</c>: either side declines or gives up; carries a <c>Cancel-Code</c>.</summary>
    Cancel,
}
