using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;

namespace Msnp.Client.P2P;

/// <summary>
/// Sends a file the way the peer takes it: P2P to MSN 6+ clients (an MSNC version in their client
/// id), MSNFTP to older ones; with <see cref="FileTransferMethod.Auto"/>, a P2P offer the peer never
/// acknowledges falls back to MSNFTP (nothing of the file was read by then). A decline is final.
/// </summary>
public static class FileTransferChooser
{
    /// <summary>Sends <paramref name="size"/> bytes of <paramref name="source"/>; returns the result and the method that carried it.</summary>
    public static async Task<(FileTransferResult Result, FileTransferMethod Method)> SendAsync(
        MsnpClient client,
        Conversation conversation,
        ConversationInvitations invitations,
        string to,
        Stream source,
        string fileName,
        long size,
        FileTransferMethod method,
        IProgress<FileTransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(invitations);
        var chosen = method == FileTransferMethod.Auto ? client.Contacts.ChooseFileTransfer(to) : method;
        if (chosen == FileTransferMethod.PeerToPeer)
        {
            try
            {
                var result = await conversation.PeerToPeer.SendFileAsync(to, source, fileName, size, progress, cancellationToken).ConfigureAwait(false);
                return (result, FileTransferMethod.PeerToPeer);
            }
            catch (FileTransferException e) when (e.Failure == FileTransferFailure.NotSupported && method == FileTransferMethod.Auto)
            {
                // The peer ignored the P2P INVITE: an MSN 4–5 era client; offer the file by invitation instead.
            }
        }

        var sent = await invitations.SendFileAsync(source, fileName, size, progress, cancellationToken).ConfigureAwait(false);
        return (sent, FileTransferMethod.Msnftp);
    }
}
