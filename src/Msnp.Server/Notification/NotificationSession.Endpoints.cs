using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Notification;

/// <summary>
/// <c>UUN</c> → <c>UBN</c> (MSNP13+): notifications between endpoints, to a contact or to the user's
/// own other points of presence (escargot <c>_m_uun</c>, Pidgin <c>msn_notification_send_uun</c>).
/// </summary>
public sealed partial class NotificationSession
{
    /// <summary>
    /// Type 4 with this payload asks one of the user's own other points of presence to sign out
    /// (Pidgin's "disallow multiple locations", WLM 2009's "sign out from other locations").
    /// </summary>
    internal static ReadOnlySpan<byte> SignOutRequest => "goawyplzthxbye"u8;

    private const int PointsOfPresenceType = 4;

    /// <summary>
    /// <c>UUN TrID account[;{guid}] type len</c>: <c>UBN</c> to every endpoint of the account (only the
    /// one named by <c>;{guid}</c>), answered <c>UUN TrID OK</c>. A contact must be online, visible and
    /// allowing the user (217 otherwise, as for <c>CAL</c>); the user's own account reaches the other
    /// points of presence, 217 when there is none (or not the one named). More than
    /// <c>UserNotificationBurst</c> at once, then <c>UserNotificationsPerMinute</c>, is 800. A type 4
    /// <c>goawyplzthxbye</c> to one's own other point of presence also signs it out (<c>OUT OTH</c>), so
    /// the request is kept by clients that do not act on <c>UBN</c> (Pidgin reads and drops it).
    /// </summary>
    internal async ValueTask HandleUserNotificationAsync(UserNotificationRequest request, CancellationToken cancellationToken)
    {
        var (trId, target, machine, type, payload) = request;
        if (Services.UserNotifications is { } rate && !rate.TryTake(Account))
        {
            SendError(MsnpErrorCode.ChangingTooRapidly, trId);
            return;
        }

        var presence = Services.Presence;
        var account = await presence.Directory.FindAsync(target, cancellationToken).ConfigureAwait(false);
        bool own = target == Account;
        var endpoints = (account?.Endpoints ?? [])
            .Where(e => e.Status != PresenceStatus.Offline && (!own || e.EndpointId != EndpointId) && (machine is null || e.MachineGuid == machine))
            .ToList();
        bool reachable = endpoints.Count > 0
            && (own || (account!.Current.IsVisible && await Services.Contacts.CanSeeAsync(Account, target, cancellationToken).ConfigureAwait(false)));
        if (!reachable)
        {
            SendError(MsnpErrorCode.PrincipalNotOnline, trId);
            return;
        }

        var notification = new UserNotification(Account, IsPointOfPresence ? MachineGuid : null, type, payload.ToArray());
        foreach (var endpoint in endpoints)
        {
            await presence.Delivery.DeliverAsync(endpoint.Address, notification, cancellationToken).ConfigureAwait(false);
        }

        Send((Writer, trId), static (w, s) => s.Writer.WriteUserNotificationAccepted(w, s.trId));
        if (own && machine is not null && type == PointsOfPresenceType && payload.Span.SequenceEqual(SignOutRequest))
        {
            foreach (var endpoint in endpoints)
            {
                await presence.Delivery.DeliverAsync(endpoint.Address, new SignOutNotification(SignOutReason.OtherSession), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <c>PUT TrID len</c> (MSNP18): WLM 2009 publishes documents to a circle (<c>To: 9:…</c>); this
    /// server keeps no circles, so that is 201, as escargot answers an unknown circle. A document for a
    /// user (<c>To: 1:account</c>, the MSNP21 presence form) is answered <c>PUT TrID OK 0</c> and not
    /// acted on: at MSNP18 presence comes from <c>CHG</c> and <c>UUX</c>. A payload without routing is 201.
    /// </summary>
    internal ValueTask HandlePublication(RoutedDocumentRequest request)
    {
        if (request.Routing.ToNetwork == Protocol.Messages.RoutingHeaders.CircleNetwork)
        {
            SendError(MsnpErrorCode.InvalidParameter, request.TrId);
            return ValueTask.CompletedTask;
        }

        Send((Writer, trId: request.TrId), static (w, s) => Protocol.Commands.MsnpWriter.WritePayloadCommand(w, Protocol.Commands.CommandCodes.Put, s.trId, ["OK"], []));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// <c>SDG TrID len</c> (MSNP18): a message to a circle; with no circles kept, and at MSNP18 no
    /// messages to users outside a switchboard (that is MSNP21), every <c>SDG</c> is 201.
    /// </summary>
    internal ValueTask HandleSendDocument(RoutedDocumentRequest request)
    {
        SendError(MsnpErrorCode.InvalidParameter, request.TrId);
        return ValueTask.CompletedTask;
    }
}
