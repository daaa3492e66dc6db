using System.Globalization;
using System.Runtime.CompilerServices;
using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// The receiver's side (catalogue §6.10, §7.1): a plain <c>ACCEPT</c> and a connection to the
/// address in the sender's <c>ACCEPT</c>; or, when the sender said <c>Connectivity: N</c>, an
/// <c>ACCEPT</c> offering our own address (<c>Sender-Connect: TRUE</c>) and a wait for the sender
/// to connect. Either way MSNFTP runs with this side as the receiver.
/// </summary>
internal static class FileReceiveOperation
{
    public static async Task<FileTransferResult> RunAsync(
        ConversationInvitations hub, FileOfferedEventArgs offer, Stream destination, IProgress<FileTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var options = hub.Options;
        var cookie = offer.Invitation!.Cookie!;
        if (offer.FileSize > options.MaxReceiveSize)
        {
            await hub.TrySendAsync(Invitation.Cancel(cookie, InvitationCancelCode.Reject)).ConfigureAwait(false);
            throw new FileTransferException(
                FileTransferFailure.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The offered file has {offer.FileSize} bytes; at most {options.MaxReceiveSize} are accepted."));
        }

        using var scope = new InvitationScope(hub, cookie) { Accepted = true };
        var meter = new ProgressMeter(offer.FileSize, progress, options.ProgressInterval);
        var session = new StrongBox<MsnftpReceiverSession?>();
        try
        {
            if (offer.Invitation!.CanAcceptConnections == false)
            {
                await ListenAndReceiveAsync(hub, scope, offer, destination, meter, session, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await hub.SendAsync(Invitation.Accept(cookie), cancellationToken).ConfigureAwait(false);
                var answer = await scope.NextAnswerAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
                var token = scope.WatchForCancel(cancellationToken);
                if (answer.Address is not { } address)
                {
                    throw new FileTransferException(FileTransferFailure.ProtocolError, "The sender's ACCEPT carries no IP-Address, Port and AuthCookie.");
                }

                var socket = await TransferConnector.ConnectAsync(address, options.ConnectTimeout, token).ConfigureAwait(false);
                var link = new MsnftpLink(socket, options.StallTimeout);
                await using (link.ConfigureAwait(false))
                {
                    session.Value = new MsnftpReceiverSession(link, hub.Account, address.AuthCookie, destination, offer.FileSize, meter);
                    await session.Value.RunAsync(token).ConfigureAwait(false);
                }
            }

            return new FileTransferResult(offer.FileName, offer.FileSize, meter.Elapsed);
        }
        catch (Exception e)
        {
            throw await scope.FailAsync(e, cancellationToken, session.Value?.EndedInBand == true).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The sender cannot listen: offer our address and take the first connection. MSNFTP has the
    /// receiver send the cookie, so the connecting sender is the one that checks it.
    /// </summary>
    private static async Task ListenAndReceiveAsync(
        ConversationInvitations hub, InvitationScope scope, FileOfferedEventArgs offer, Stream destination, ProgressMeter meter,
        StrongBox<MsnftpReceiverSession?> session, CancellationToken cancellationToken)
    {
        var options = hub.Options;
        using var listener = TransferListener.Start(options);
        var authCookie = TransferCookies.New();
        await hub.SendAsync(Invitation.Accept(scope.Cookie, new InvitationAddress(listener.AdvertisedAddress, listener.Port, authCookie)), cancellationToken).ConfigureAwait(false);
        var token = scope.WatchForCancel(cancellationToken);

        System.Net.Sockets.Socket socket;
        using (var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            connectDeadline.CancelAfter(options.ConnectTimeout);
            try
            {
                socket = await listener.AcceptAsync(connectDeadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw new TimeoutException("The sender did not connect in time.");
            }
        }

        var link = new MsnftpLink(socket, options.StallTimeout);
        await using (link.ConfigureAwait(false))
        {
            session.Value = new MsnftpReceiverSession(link, hub.Account, authCookie, destination, offer.FileSize, meter);
            await session.Value.RunAsync(token).ConfigureAwait(false);
        }
    }
}
