using System.Net.Sockets;
using System.Threading.Channels;
using Msnp.Protocol.FileTransfer;
using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// One invitation cookie for the length of a transfer: its follow-ups, the peer's <c>CANCEL</c>
/// while the link runs, and turning any failure into a <see cref="FileTransferException"/> plus
/// the <c>CANCEL</c> the peer should see.
/// </summary>
internal sealed class InvitationScope : IDisposable
{
    private readonly ConversationInvitations _hub;
    private readonly ChannelReader<Invitation> _mailbox;
    private readonly CancellationTokenSource _peerCancelled = new();
    private CancellationTokenSource? _linked;
    private Invitation? _peerCancel;

    public InvitationScope(ConversationInvitations hub, string cookie)
    {
        _hub = hub;
        Cookie = cookie;
        _mailbox = hub.Register(cookie);
    }

    public string Cookie { get; }

    /// <summary>True once both sides agreed; a later <c>CANCEL</c> is a cancel, not a decline.</summary>
    public bool Accepted { get; set; }

    /// <summary>The next <c>ACCEPT</c> or <c>CANCEL</c> for the cookie (a <c>CANCEL</c> becomes an exception).</summary>
    public async Task<Invitation> NextAnswerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var answer = await _mailbox.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (answer.Command == InvitationCommand.Cancel)
                {
                    throw FileTransferException.FromCancel(answer, Accepted);
                }

                if (answer.Command == InvitationCommand.Accept)
                {
                    return answer;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The peer did not answer the invitation in time.");
        }
    }

    /// <summary>From now on a <c>CANCEL</c> from the peer cancels the returned token.</summary>
    public CancellationToken WatchForCancel(CancellationToken cancellationToken)
    {
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _peerCancelled.Token);
        _ = WatchAsync();
        return _linked.Token;
    }

    /// <summary>The exception for a failure, after telling the peer by <c>CANCEL</c> when it cannot know yet.</summary>
    public async Task<FileTransferException> FailAsync(Exception error, CancellationToken userToken, bool toldInBand)
    {
        var (failure, code) = error switch
        {
            OperationCanceledException when userToken.IsCancellationRequested =>
                (new FileTransferException(FileTransferFailure.Cancelled, "The transfer was cancelled.", error), InvitationCancelCode.OutOfBandCancel),
            _ when _peerCancel is { } cancel => (FileTransferException.FromCancel(cancel, Accepted), null),
            FileTransferException f => (f, f.Failure switch
            {
                FileTransferFailure.Declined or FileTransferFailure.CancelledByPeer => (InvitationCancelCode?)null,
                FileTransferFailure.TimedOut => InvitationCancelCode.FileTransferTimeout,
                _ => InvitationCancelCode.Fail,
            }),
            TimeoutException => (new FileTransferException(FileTransferFailure.TimedOut, error.Message, error), Accepted ? InvitationCancelCode.FileTransferTimeout : InvitationCancelCode.Timeout),
            WrongCookieException => (new FileTransferException(FileTransferFailure.AuthenticationFailed, "Too many connections with a wrong auth cookie.", error), InvitationCancelCode.Fail),
            MsnftpProtocolException => (new FileTransferException(FileTransferFailure.ProtocolError, error.Message, error), InvitationCancelCode.Fail),
            IOException or SocketException => (new FileTransferException(FileTransferFailure.ConnectionFailed, error.Message, error), InvitationCancelCode.Fail),
            _ => (new FileTransferException(FileTransferFailure.ProtocolError, error.Message, error), InvitationCancelCode.Fail),
        };
        // A time-out is also announced by CANCEL even after an in-band BYE (catalogue §6.10 step 4).
        if (code is { } c && (!toldInBand || failure.Failure == FileTransferFailure.TimedOut))
        {
            await _hub.TrySendAsync(Invitation.Cancel(Cookie, c)).ConfigureAwait(false);
        }

        return failure;
    }

    public void Dispose()
    {
        _hub.Unregister(Cookie);
        _peerCancelled.Cancel();
        _linked?.Dispose();
        _peerCancelled.Dispose();
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var message in _mailbox.ReadAllAsync(_peerCancelled.Token).ConfigureAwait(false))
            {
                if (message.Command == InvitationCommand.Cancel)
                {
                    _peerCancel = message;
                    await _peerCancelled.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
