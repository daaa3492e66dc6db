using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Names;
using Msnp.Protocol.Requests;
using Msnp.Server.Oim;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Server.Notification;

/// <summary>
/// <c>UUM</c> (MSNP14+): a message sent through the notification server instead of a switchboard.
/// Clients use it for contacts on Yahoo! (network 32, which this server does not reach) and Pidgin
/// at MSNP18 for a Messenger contact it sees offline (<c>msn_send_im</c> → <c>msn_notification_send_uum</c>);
/// escargot keeps the latter as an offline message. So does this server.
/// </summary>
public sealed partial class NotificationSession
{
    private const int MessengerNetwork = 1;
    private const int TextMessageType = 1;

    /// <summary>
    /// <c>UUM TrID account network type len</c> + MIME. Network other than 1: <c>204</c> (no other
    /// network is reachable here, as <c>ADL</c> refuses such contacts). Type other than 1 (typing,
    /// nudge, … to someone reached through the server): dropped, no answer. A text message
    /// (<c>text/plain</c>, UTF-8, not empty) is stored as an offline message, with the limits of the
    /// sending service (docs/oim.md): sender rate <c>800</c>, recipient unknown, blocking the sender or
    /// full <c>217</c>, too long or not a text message <c>282</c>; stored, the recipient's signed-in
    /// sessions are told at once and nothing is answered (escargot answers nothing; Pidgin expects nothing).
    /// </summary>
    internal async ValueTask HandleUnifiedMessageAsync(UnifiedMessageRequest request, CancellationToken cancellationToken)
    {
        var (trId, to, network, type, payload) = request;
        if (network != MessengerNetwork)
        {
            SendError(MsnpErrorCode.InvalidNetworkId, trId);
            return;
        }

        if (type != TextMessageType)
        {
            return;
        }

        if (Services.OfflineMessages is not { } store)
        {
            SendError(MsnpErrorCode.PrincipalNotOnline, trId);
            return;
        }

        if (Services.OfflineMessageRate is { } rate && !rate.TryTake(Account))
        {
            SendError(MsnpErrorCode.ChangingTooRapidly, trId);
            return;
        }

        if (ReadText(payload) is not { } text)
        {
            SendError(MsnpErrorCode.MalformedMessage, trId);
            return;
        }

        var remote = Connection.RemoteEndPoint is System.Net.IPEndPoint ip ? ip.Address.ToString() : string.Empty;
        var message = new NewOfflineMessage(Account, UrlEncoding.Decode(FriendlyName.AsSpan()), to, text, Guid.NewGuid(), 1, remote);
        var outcome = await OfflineMessageDrop.StoreAsync(Services.Contacts, store, Services.Presence, message, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case OfflineStoreOutcome.Stored:
                return;
            case OfflineStoreOutcome.TooLarge:
                SendError(MsnpErrorCode.MalformedMessage, trId);
                return;
            default:
                SendError(MsnpErrorCode.PrincipalNotOnline, trId);
                return;
        }
    }

    // The body of a text/plain message in UTF-8, as Pidgin builds it (msn_message_new_plain); null otherwise.
    private static string? ReadText(ReadOnlyMemory<byte> payload)
    {
        if (!MimeMessage.TryParse(payload, out var mime, out _)
            || !mime.ContentType.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || mime.Body.IsEmpty)
        {
            return null;
        }

        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(mime.Body.Span);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
