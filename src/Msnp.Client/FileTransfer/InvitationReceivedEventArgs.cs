using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// An invitation message no file transfer in progress claimed: an <c>INVITE</c> for another
/// application (NetMeeting, voice, games …), or a follow-up for an unknown cookie. The
/// application decides; nothing is dropped.
/// </summary>
public sealed class InvitationReceivedEventArgs : EventArgs
{
    private readonly ConversationInvitations _hub;

    internal InvitationReceivedEventArgs(ConversationInvitations hub, string sender, Invitation invitation)
    {
        _hub = hub;
        Sender = sender;
        Invitation = invitation;
    }

    /// <summary>Who sent it.</summary>
    public string Sender { get; }

    /// <summary>The typed invitation with every field as received.</summary>
    public Invitation Invitation { get; }

    /// <summary>Answers an <c>INVITE</c> with <c>ACCEPT</c> and the application's own fields.</summary>
    public Task AcceptAsync(IEnumerable<MimeHeader>? fields = null, CancellationToken cancellationToken = default) =>
        _hub.SendAsync(Invitation.AcceptApplication(InviteCookie(), fields), cancellationToken);

    /// <summary>Answers an <c>INVITE</c> with <c>CANCEL</c>; <c>REJECT_NOT_INSTALLED</c> says the application is missing.</summary>
    public Task DeclineAsync(InvitationCancelCode code = InvitationCancelCode.Reject, CancellationToken cancellationToken = default) =>
        _hub.SendAsync(Invitation.Cancel(InviteCookie(), code), cancellationToken);

    private string InviteCookie() =>
        Invitation.Command == InvitationCommand.Invite && Invitation.Cookie is { Length: > 0 } cookie
            ? cookie
            : throw new InvalidOperationException("Only an INVITE with a cookie can be accepted or declined.");
}
