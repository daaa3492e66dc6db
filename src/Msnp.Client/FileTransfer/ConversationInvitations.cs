using System.Collections.Concurrent;
using System.Threading.Channels;
using Msnp.Client.Conversations;
using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// Invitations (<c>text/x-msmsgsinvite</c>) in one conversation: sends files over MSNFTP, offers
/// received files through <see cref="FileOffered"/>, and surfaces every other invitation through
/// <see cref="InvitationReceived"/>. Attach it before the peer can send (in the configure callback
/// of <see cref="ConversationInvitedEventArgs.AcceptAsync(Action{Conversation}, CancellationToken)"/>).
/// </summary>
public sealed class ConversationInvitations : IDisposable
{
    /// <summary>Follow-ups queued per cookie; a peer that floods one cookie loses the oldest.</summary>
    private const int MailboxCapacity = 16;

    private readonly Conversation _conversation;
    private readonly ConcurrentDictionary<string, Channel<Invitation>> _mailboxes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts routing the conversation's invitation messages.</summary>
    /// <param name="conversation">The session to send and receive invitations in.</param>
    /// <param name="account">The user's own account, sent in MSNFTP <c>USR</c> when receiving.</param>
    /// <param name="options">Ports, addresses and timeouts; defaults when null.</param>
    public ConversationInvitations(Conversation conversation, string account, FileTransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrEmpty(account);
        _conversation = conversation;
        Account = account;
        Options = options ?? new FileTransferOptions();
        conversation.MessageReceived += OnMessage;
    }

    /// <summary>The user's account.</summary>
    public string Account { get; }

    /// <summary>The options every transfer of this conversation uses.</summary>
    public FileTransferOptions Options { get; }

    /// <summary>
    /// A contact offers a file. Answer with <see cref="FileOfferedEventArgs.AcceptAsync"/> or
    /// <see cref="FileOfferedEventArgs.DeclineAsync"/>; with no handler the offer goes to
    /// <see cref="InvitationReceived"/> instead.
    /// </summary>
    public event EventHandler<FileOfferedEventArgs>? FileOffered;

    /// <summary>
    /// Any other invitation message. With no handler at all, an <c>INVITE</c> is declined
    /// (<c>REJECT_NOT_INSTALLED</c>, or <c>REJECT</c> for a file) so the inviter is not left waiting.
    /// </summary>
    public event EventHandler<InvitationReceivedEventArgs>? InvitationReceived;

    /// <summary>Sends a file from disk; see <see cref="SendFileAsync(Stream, string, long, IProgress{FileTransferProgress}?, CancellationToken)"/>.</summary>
    public async Task<FileTransferResult> SendFileAsync(string path, IProgress<FileTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            return await SendFileAsync(file, Path.GetFileName(path), file.Length, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Offers <paramref name="size"/> bytes of <paramref name="source"/> as <paramref name="fileName"/>
    /// and sends them once accepted, listening (or connecting when the receiver offers to listen).
    /// Completes when the receiver confirmed every byte. Cancelling sends a cancel block, or a
    /// <c>CANCEL</c> before the link exists.
    /// </summary>
    /// <exception cref="FileTransferException">Declined, cancelled, timed out or failed; see <see cref="FileTransferException.Failure"/>.</exception>
    public Task<FileTransferResult> SendFileAsync(Stream source, string fileName, long size, IProgress<FileTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return FileSendOperation.RunAsync(this, source, fileName, size, progress, cancellationToken);
    }

    /// <summary>Sends any invitation message (e.g. an <c>INVITE</c> for another application) and waits for the switchboard's ACK.</summary>
    public Task SendAsync(Invitation invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return _conversation.SendRawAsync(invitation.ToMimeMessage(), AckMode.Acknowledged, cancellationToken);
    }

    /// <summary>Stops routing; transfers in progress lose their follow-ups.</summary>
    public void Dispose() => _conversation.MessageReceived -= OnMessage;

    /// <summary>Claims the follow-ups of one cookie until the returned registration is disposed.</summary>
    internal ChannelReader<Invitation> Register(string cookie)
    {
        var mailbox = Channel.CreateBounded<Invitation>(new BoundedChannelOptions(MailboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
        if (!_mailboxes.TryAdd(cookie, mailbox))
        {
            throw new InvalidOperationException($"Invitation cookie {cookie} is already in use.");
        }

        return mailbox.Reader;
    }

    internal void Unregister(string cookie) => _mailboxes.TryRemove(cookie, out _);

    /// <summary>Sends without letting a closed conversation hide the failure that led here.</summary>
    internal async Task TrySendAsync(Invitation invitation)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await SendAsync(invitation, quick.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MsnpException or Conversations.MessageNotDeliveredException or OperationCanceledException or IOException or InvalidOperationException or TimeoutException)
        {
        }
    }

    private void OnMessage(object? sender, MessageReceivedEventArgs e)
    {
        if (!Invitation.TryParse(e.Message, out var invitation))
        {
            return;
        }

        if (invitation.Command != InvitationCommand.Invite
            && invitation.Cookie is { } cookie
            && _mailboxes.TryGetValue(cookie, out var mailbox))
        {
            mailbox.Writer.TryWrite(invitation);
            return;
        }

        if (invitation.Command == InvitationCommand.Invite && invitation.IsFileTransfer
            && invitation.Cookie is { Length: > 0 } && invitation.FileName is { Length: > 0 } name && invitation.FileSize is { } size
            && FileOffered is { } offered)
        {
            offered(this, new FileOfferedEventArgs(this, e.Sender, invitation, name, size));
            return;
        }

        if (InvitationReceived is { } received)
        {
            received(this, new InvitationReceivedEventArgs(this, e.Sender, invitation));
            return;
        }

        if (invitation.Command == InvitationCommand.Invite && invitation.Cookie is { Length: > 0 } inviteCookie)
        {
            var code = invitation.IsFileTransfer ? InvitationCancelCode.Reject : InvitationCancelCode.RejectNotInstalled;
            _ = TrySendAsync(Invitation.Cancel(inviteCookie, code));
        }
    }
}
