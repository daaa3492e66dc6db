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
    /// points of presence, 217 when there is none (or not the one named). A type 4
    /// <c>goawyplzthxbye</c> to one's own other point of presence also signs it out (<c>OUT OTH</c>), so
    /// the request is kept by clients that do not act on <c>UBN</c> (Pidgin reads and drops it).
    /// </summary>
    internal async ValueTask HandleUserNotificationAsync(UserNotificationRequest request, CancellationToken cancellationToken)
    {
        var (trId, target, machine, type, payload) = request;
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
}
