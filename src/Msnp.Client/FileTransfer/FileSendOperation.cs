using System.Runtime.CompilerServices;
using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// The sender's side (catalogue §6.10, §7.1): <c>INVITE</c>, wait for the answer, then either
/// listen and send our address in a second <c>ACCEPT</c>, or connect to the receiver when it
/// offered to listen (<c>Sender-Connect: TRUE</c>), and run MSNFTP as the sender.
/// </summary>
internal static class FileSendOperation
{
    public static async Task<FileTransferResult> RunAsync(
        ConversationInvitations hub, Stream source, string fileName, long size, IProgress<FileTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var options = hub.Options;
        using var scope = new InvitationScope(hub, TransferCookies.New());
        var meter = new ProgressMeter(size, progress, options.ProgressInterval);
        var session = new StrongBox<MsnftpSenderSession?>();
        try
        {
            await hub.SendAsync(Invitation.FileTransferInvite(scope.Cookie, fileName, size, options.CanAcceptConnections), cancellationToken).ConfigureAwait(false);
            var answer = await scope.NextAnswerAsync(options.AnswerTimeout, cancellationToken).ConfigureAwait(false);
            scope.Accepted = true;
            var token = scope.WatchForCancel(cancellationToken);
            if (answer.SenderConnect == true && answer.Address is { } receiverAddress)
            {
                // The receiver listens; its USR must repeat the cookie it offered.
                var socket = await TransferConnector.ConnectAsync(receiverAddress, options.ConnectTimeout, token).ConfigureAwait(false);
                var link = new MsnftpLink(socket, options.StallTimeout);
                await using (link.ConfigureAwait(false))
                {
                    session.Value = new MsnftpSenderSession(link, receiverAddress.AuthCookie, source, size, meter, options.StallTimeout);
                    await session.Value.RunAsync(token).ConfigureAwait(false);
                }
            }
            else if (!options.CanAcceptConnections)
            {
                throw new FileTransferException(FileTransferFailure.ConnectionFailed, "Neither side can accept connections: the receiver did not offer to listen.");
            }
            else
            {
                await ListenAndSendAsync(hub, scope, source, size, meter, session, token).ConfigureAwait(false);
            }

            return new FileTransferResult(fileName, size, meter.Elapsed);
        }
        catch (Exception e)
        {
            throw await scope.FailAsync(e, cancellationToken, session.Value?.CancelledInBand == true).ConfigureAwait(false);
        }
    }

    /// <summary>Listens, sends the address, and serves connections until one presents the right cookie.</summary>
    private static async Task ListenAndSendAsync(
        ConversationInvitations hub, InvitationScope scope, Stream source, long size, ProgressMeter meter, StrongBox<MsnftpSenderSession?> session, CancellationToken token)
    {
        var options = hub.Options;
        using var listener = TransferListener.Start(options);
        var authCookie = TransferCookies.New();
        await hub.SendAsync(Invitation.AcceptWithAddress(scope.Cookie, new InvitationAddress(listener.AdvertisedAddress, listener.Port, authCookie)), token).ConfigureAwait(false);

        using var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        connectDeadline.CancelAfter(options.ConnectTimeout);
        for (var rejected = 0; ; rejected++)
        {
            System.Net.Sockets.Socket socket;
            try
            {
                socket = await listener.AcceptAsync(connectDeadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw new TimeoutException("The receiver did not connect in time.");
            }

            var link = new MsnftpLink(socket, options.StallTimeout);
            await using (link.ConfigureAwait(false))
            {
                session.Value = new MsnftpSenderSession(link, authCookie, source, size, meter, options.StallTimeout);
                try
                {
                    await session.Value.RunAsync(token).ConfigureAwait(false);
                    return;
                }
                catch (WrongCookieException) when (rejected < options.MaxRejectedConnections)
                {
                    // Disposing the link hangs up on it; keep listening for the invited receiver.
                }
            }
        }
    }
}
