using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>A contact offers a file (an MSNFTP <c>INVITE</c> or a P2P session request); accept it into a stream or decline it.</summary>
public sealed class FileOfferedEventArgs : EventArgs
{
    private readonly ConversationInvitations? _hub;
    private readonly P2P.P2PFileReceiveCall? _call;
    private int _answered;

    internal FileOfferedEventArgs(ConversationInvitations hub, string sender, Invitation invitation, string fileName, long fileSize)
    {
        _hub = hub;
        Sender = sender;
        Invitation = invitation;
        FileName = fileName;
        FileSize = fileSize;
        Method = FileTransferMethod.Msnftp;
    }

    internal FileOfferedEventArgs(string sender, string fileName, long fileSize, P2P.P2PFileReceiveCall call)
    {
        _call = call;
        Sender = sender;
        FileName = fileName;
        FileSize = fileSize;
        Method = FileTransferMethod.PeerToPeer;
    }

    /// <summary>How the file would travel: MSNFTP (invitation and a TCP link) or P2P through the switchboard.</summary>
    public FileTransferMethod Method { get; }

    /// <summary>Who offers the file.</summary>
    public string Sender { get; }

    /// <summary>The file name exactly as offered; never use it as a path, see <see cref="SafeFileName"/>.</summary>
    public string FileName { get; }

    /// <summary>The offered size in bytes.</summary>
    public long FileSize { get; }

    /// <summary>The MSNFTP <c>INVITE</c> as received; null for a P2P offer.</summary>
    public Invitation? Invitation { get; }

    /// <summary>
    /// Accepts and receives the file into <paramref name="destination"/>, completing when every
    /// byte arrived and the sender was told (<c>BYE</c>). Cancelling sends <c>CCL</c>.
    /// </summary>
    /// <exception cref="FileTransferException">The transfer did not complete; see its <see cref="FileTransferException.Failure"/>.</exception>
    public Task<FileTransferResult> AcceptAsync(Stream destination, IProgress<FileTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_call is not null)
        {
            return _call.AcceptAsync(FileName, destination, progress, cancellationToken);
        }

        Answer();
        return FileReceiveOperation.RunAsync(_hub!, this, destination, progress, cancellationToken);
    }

    /// <summary>Declines with <c>CANCEL</c> / <c>REJECT</c> (MSNFTP) or <c>603 Decline</c> (P2P).</summary>
    public Task DeclineAsync(CancellationToken cancellationToken = default)
    {
        if (_call is not null)
        {
            return _call.DeclineAsync();
        }

        Answer();
        return _hub!.SendAsync(Protocol.Messages.Invitation.Cancel(Invitation!.Cookie!, InvitationCancelCode.Reject), cancellationToken);
    }

    private void Answer()
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            throw new InvalidOperationException("This offer was already answered.");
        }
    }
}
