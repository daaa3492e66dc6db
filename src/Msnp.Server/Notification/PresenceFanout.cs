using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>
/// Who hears about whose presence (catalogue §5.7): a contact's status reaches a user only when
/// the user has the contact on the FL and the contact allows the user (AL/BL/BLP); hidden and
/// disallowed users always look offline. Contacts are read from the presence directory and told
/// through the notification delivery, so viewers may be signed in on any node.
/// </summary>
internal static class PresenceFanout
{
    /// <summary>The <c>ILN</c> burst after the first <c>CHG</c>: one line per visible online FL contact, with the CHG's TrID.</summary>
    public static async ValueTask SendInitialPresenceAsync(NotificationSession me, uint trId)
    {
        var snapshot = await me.Services.Contacts.GetSnapshotAsync(me.Account).ConfigureAwait(false);
        if (snapshot is null)
        {
            return;
        }

        foreach (var contact in snapshot.Contacts)
        {
            if ((contact.Lists & ListKind.Forward) != 0)
            {
                await SendInitialPresenceOfAsync(me, contact.Account, trId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends <c>ILN</c> for one contact if it is online, visible and allows <paramref name="me"/>.</summary>
    public static async ValueTask SendInitialPresenceOfAsync(NotificationSession me, string contact, uint trId)
    {
        var other = (await me.Services.Presence.Directory.FindAsync(contact).ConfigureAwait(false))?.Current;
        if (other is null || !other.IsVisible)
        {
            return;
        }

        if (await me.Services.Contacts.CanSeeAsync(me.Account, contact).ConfigureAwait(false))
        {
            var info = other.ToPresenceInfo();
            me.Send((me.Writer, trId, info), static (w, s) => s.Writer.WriteInitialPresence(w, s.trId, s.info));
            if (PersonalStatusOf(other) is { } personal)
            {
                me.Receive(personal);
            }
        }
    }

    /// <summary><c>NLN</c> to everyone online who has <paramref name="me"/> on their FL and is allowed to see them.</summary>
    public static ValueTask AnnounceAsync(NotificationSession me) =>
        ForEachAllowedViewerAsync(me, new PresenceNotification(me.PresenceInfo), null);

    /// <summary><c>UBX</c> to everyone online at MSNP11+ who has <paramref name="me"/> on their FL and is allowed to see them.</summary>
    public static ValueTask AnnouncePersonalStatusAsync(NotificationSession me) =>
        PersonalStatusOf(me.Account, me.PersonalStatus) is { } personal ? ForEachAllowedViewerAsync(me, personal, null) : ValueTask.CompletedTask;

    /// <summary><c>FLN</c> to everyone online who could see <paramref name="me"/>.</summary>
    public static ValueTask AnnounceOfflineAsync(NotificationSession me) =>
        ForEachAllowedViewerAsync(me, new OfflineNotification(me.Account), null);

    /// <summary>
    /// Before a privacy change (AL/BL entry, BLP): which of <paramref name="candidates"/> are online,
    /// have <paramref name="me"/> on their FL and see <paramref name="me"/> now. Empty while
    /// <paramref name="me"/> is offline or hidden, since nobody can notice a change then.
    /// </summary>
    public static async ValueTask<Dictionary<string, bool>> CaptureVisibilityAsync(NotificationSession me, IEnumerable<string>? candidates = null)
    {
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (me.Status is PresenceStatus.Offline or PresenceStatus.Hidden)
        {
            return seen;
        }

        var reverse = await me.Services.Contacts.GetReverseListAsync(me.Account).ConfigureAwait(false);
        foreach (var account in candidates is null ? reverse : reverse.Intersect(candidates, StringComparer.Ordinal))
        {
            if (account != me.Account && await IsOnlineAsync(me, account).ConfigureAwait(false))
            {
                seen[account] = await me.Services.Contacts.CanSeeAsync(account, me.Account).ConfigureAwait(false);
            }
        }

        return seen;
    }

    /// <summary>
    /// After a privacy change: <c>NLN</c> to the captured viewers who now see <paramref name="me"/>,
    /// <c>FLN</c> to those who no longer do; viewers whose view did not change hear nothing.
    /// </summary>
    public static async ValueTask AnnounceVisibilityChangesAsync(NotificationSession me, Dictionary<string, bool> before)
    {
        var delivery = me.Services.Presence.Delivery;
        foreach (var (account, saw) in before)
        {
            var viewer = await me.Services.Presence.Directory.FindAsync(account).ConfigureAwait(false);
            if (viewer is null || viewer.Current.Status == PresenceStatus.Offline)
            {
                continue;
            }

            bool sees = await me.Services.Contacts.CanSeeAsync(account, me.Account).ConfigureAwait(false);
            if (sees == saw)
            {
                continue;
            }

            if (sees)
            {
                await DeliverAsync(delivery, viewer, new PresenceNotification(me.PresenceInfo), PersonalStatusOf(me.Account, me.PersonalStatus)).ConfigureAwait(false);
            }
            else
            {
                await DeliverAsync(delivery, viewer, new OfflineNotification(me.Account), null).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A new sign-in replaced <paramref name="previous"/>: if viewers saw the old session, they get
    /// <c>FLN</c>, because the new one is offline to them until its first <c>CHG</c>.
    /// </summary>
    public static async ValueTask AnnounceReplacedAsync(NotificationSession me, PresenceEndpoint previous)
    {
        if (previous.IsVisible)
        {
            await AnnounceOfflineAsync(me).ConfigureAwait(false);
        }
    }

    // UBX follows the NLN/ILN it belongs to; sessions whose dialect has no personal messages ignore it.
    private static PersonalStatusNotification? PersonalStatusOf(PresenceEndpoint subject) =>
        PersonalStatusOf(subject.Account, subject.PersonalStatus);

    private static PersonalStatusNotification? PersonalStatusOf(string account, Protocol.Messages.PersonalStatus? status) =>
        status is { IsEmpty: false } ? new PersonalStatusNotification(account, status with { MachineGuid = null }) : null;

    private static async ValueTask<bool> IsOnlineAsync(NotificationSession me, string account) =>
        await me.Services.Presence.Directory.FindAsync(account).ConfigureAwait(false) is { } viewer && viewer.Current.Status != PresenceStatus.Offline;

    private static async ValueTask DeliverAsync(INotificationDelivery delivery, AccountPresence viewer, EndpointNotification first, EndpointNotification? second)
    {
        var endpoints = viewer.Endpoints;
        for (int i = 0; i < endpoints.Count; i++)
        {
            var address = endpoints[i].Address;
            await delivery.DeliverAsync(address, first).ConfigureAwait(false);
            if (second is not null)
            {
                await delivery.DeliverAsync(address, second).ConfigureAwait(false);
            }
        }
    }

    // CanSeeAsync(viewer, me) reads my privacy setting and my lists' entry for the viewer. For a
    // user with hundreds of online contacts, one database read per viewer made a status change
    // cost hundreds of round trips; one read of my own lists gives the same answers for all.
    private static ValueTask ForEachAllowedViewerAsync(NotificationSession me, EndpointNotification first, EndpointNotification? second) =>
        ForEachAllowedViewerAsync(me.Services.Contacts, me.Services.Presence, me.Account, first, second);

    /// <summary>
    /// <c>FLN</c> for <paramref name="account"/> to everyone online who could see it, sent without a
    /// session of that account: a cluster node does this for the users of a node that died.
    /// </summary>
    public static ValueTask AnnounceOfflineAsync(IContactStore contacts, PresenceServices presence, string account) =>
        ForEachAllowedViewerAsync(contacts, presence, account, new OfflineNotification(account), null);

    private static async ValueTask ForEachAllowedViewerAsync(IContactStore contacts, PresenceServices presence, string subject, EndpointNotification first, EndpointNotification? second)
    {
        var directory = presence.Directory;
        var reverse = await contacts.GetReverseListAsync(subject).ConfigureAwait(false);
        List<AccountPresence>? online = null;
        foreach (var account in reverse)
        {
            var viewer = await directory.FindAsync(account).ConfigureAwait(false);
            if (viewer is null || viewer.Current.Status == PresenceStatus.Offline || account == subject)
            {
                continue;
            }

            (online ??= []).Add(viewer);
        }

        if (online is null)
        {
            return;
        }

        var snapshot = await contacts.GetSnapshotAsync(subject).ConfigureAwait(false);
        if (snapshot is null)
        {
            return;
        }

        var lists = new Dictionary<string, ListKind>(snapshot.Contacts.Count, StringComparer.Ordinal);
        foreach (var contact in snapshot.Contacts)
        {
            lists[contact.Account] = contact.Lists;
        }

        var delivery = presence.Delivery;
        foreach (var viewer in online)
        {
            if (Privacy.Allows(snapshot.Privacy.Default, lists.GetValueOrDefault(viewer.Account)))
            {
                await DeliverAsync(delivery, viewer, first, second).ConfigureAwait(false);
            }
        }
    }
}
