using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages.Endpoints;
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
        var account = await me.Services.Presence.Directory.FindAsync(contact).ConfigureAwait(false);
        var other = account?.Current;
        if (other is null || !other.IsVisible)
        {
            return;
        }

        if (await me.Services.Contacts.CanSeeAsync(me.Account, contact).ConfigureAwait(false))
        {
            var info = other.ToPresenceInfo();
            me.Send((me.Writer, trId, info), static (w, s) => s.Writer.WriteInitialPresence(w, s.trId, s.info));
            if (PersonalStatusOf(other, account!) is { } personal)
            {
                me.Receive(personal);
            }
        }
    }

    /// <summary><c>NLN</c> to everyone online who has <paramref name="me"/> on their FL and is allowed to see them.</summary>
    public static ValueTask AnnounceAsync(NotificationSession me) =>
        ForEachAllowedViewerAsync(me, new PresenceNotification(me.PresenceInfo), null);

    /// <summary><c>UBX</c> to everyone online at MSNP11+ who has <paramref name="me"/> on their FL and is allowed to see them.</summary>
    public static async ValueTask AnnouncePersonalStatusAsync(NotificationSession me)
    {
        var endpoints = EndpointsOf(await me.Services.Presence.Directory.FindAsync(me.Account).ConfigureAwait(false));
        if (PersonalStatusOf(me.Account, me.PersonalStatus, endpoints) is { } personal)
        {
            await ForEachAllowedViewerAsync(me, personal, null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// MSNP16+: the account's points of presence changed while the presence contacts see did not (a
    /// second machine went online showing the same, or a machine left and the one they see stays): no
    /// <c>NLN</c>, but <c>UBX</c> of the presence they see with the new list of machines to everyone allowed,
    /// so an MSNP16+ contact's list of the account's endpoints is current. Sessions without personal
    /// messages ignore it.
    /// </summary>
    public static async ValueTask AnnounceEndpointListAsync(IContactStore contacts, PresenceServices presence, string subject)
    {
        var account = await presence.Directory.FindAsync(subject).ConfigureAwait(false);
        if (account?.Current is { IsVisible: true } current && PersonalStatusOf(current, account) is { } personal)
        {
            await ForEachAllowedViewerAsync(contacts, presence, subject, personal, null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// MSNP16+, after <paramref name="me"/> changed its status, name or personal status
    /// (<paramref name="changed"/>) or the set of the account's endpoints changed: every point of
    /// presence of the account hears it (<see cref="OwnPresenceNotification"/>). Sent only while the
    /// account has more than one point of presence, or when <paramref name="force"/> says the set
    /// just shrank, so a user signed in once hears nothing new.
    /// </summary>
    public static async ValueTask AnnounceToOwnEndpointsAsync(NotificationSession me, bool changed, bool force = false)
    {
        if (!me.IsPointOfPresence)
        {
            return;
        }

        var presence = me.Services.Presence;
        var account = await presence.Directory.FindAsync(me.Account).ConfigureAwait(false);
        await AnnounceToOwnEndpointsAsync(presence, me.Account, me.EndpointId, changed ? me.ToEndpoint() : null, account, force).ConfigureAwait(false);
    }

    private static async ValueTask AnnounceToOwnEndpointsAsync(PresenceServices presence, string subject, Guid origin, PresenceEndpoint? changed, AccountPresence? account, bool force)
    {
        var endpoints = EndpointsOf(account);
        if (account is null || (endpoints.Count < 2 && !force))
        {
            return;
        }

        var status = (account.Current.PersonalStatus ?? Protocol.Messages.PersonalStatus.Empty) with { MachineGuid = null };
        var notification = new OwnPresenceNotification(subject, origin, changed, status, endpoints);
        foreach (var endpoint in account.Endpoints)
        {
            if (endpoint.MachineGuid is not null && endpoint.Status != PresenceStatus.Offline)
            {
                await presence.Delivery.DeliverAsync(endpoint.Address, notification).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// After endpoints of <paramref name="me"/>'s account left (signed out, or displaced by a new
    /// sign-in): viewers who saw <paramref name="seenBefore"/> hear <c>FLN</c> when no endpoint they
    /// can see is left, or <c>NLN</c> of the endpoint they see now when it differs; the account's
    /// remaining points of presence hear the shorter list when one that was online left (<paramref name="onlineLeft"/>).
    /// </summary>
    public static async ValueTask AnnounceEndpointsLeftAsync(NotificationSession me, PresenceEndpoint? seenBefore, bool onlineLeft)
    {
        var services = me.Services;
        var account = await services.Presence.Directory.FindAsync(me.Account).ConfigureAwait(false);
        var seenNow = account?.Current is { IsVisible: true } current ? current : null;
        try
        {
            await AnnounceEndpointsLeftAsync(me, services, account, seenNow, seenBefore, onlineLeft).ConfigureAwait(false);
        }
        finally
        {
            // Signed out everywhere: nothing is announced for the account until it signs in again.
            if (account is null)
            {
                services.Presence.Viewers.Forget(me.Account);
            }
        }
    }

    private static async ValueTask AnnounceEndpointsLeftAsync(NotificationSession me, NotificationServices services, AccountPresence? account, PresenceEndpoint? seenNow, PresenceEndpoint? seenBefore, bool onlineLeft)
    {
        if (seenBefore is { IsVisible: true })
        {
            if (seenNow is null)
            {
                await ForEachAllowedViewerAsync(services.Contacts, services.Presence, me.Account, new OfflineNotification(me.Account), null).ConfigureAwait(false);
            }
            else if (seenNow.ToPresenceInfo() != seenBefore.ToPresenceInfo())
            {
                await ForEachAllowedViewerAsync(services.Contacts, services.Presence, me.Account, new PresenceNotification(seenNow.ToPresenceInfo()), PersonalStatusOf(seenNow, account!)).ConfigureAwait(false);
            }
            else if (onlineLeft && PersonalStatusOf(seenNow, account!) is { } personal)
            {
                // Same presence, one machine fewer: contacts' endpoint lists shrink.
                await ForEachAllowedViewerAsync(services.Contacts, services.Presence, me.Account, personal, null).ConfigureAwait(false);
            }
        }

        if (onlineLeft && account is not null && account.Endpoints.Any(e => e.EndpointId != me.EndpointId && e.MachineGuid is not null && e.Status != PresenceStatus.Offline))
        {
            await AnnounceToOwnEndpointsAsync(services.Presence, me.Account, me.EndpointId, null, account, force: true).ConfigureAwait(false);
        }
    }

    /// <summary>The account's points of presence as <c>UBX</c> lists them: MSNP16+ sign-ins that went online.</summary>
    public static IReadOnlyList<EndpointPresence> EndpointsOf(AccountPresence? account)
    {
        if (account is null)
        {
            return [];
        }

        List<EndpointPresence>? list = null;
        foreach (var e in account.Endpoints)
        {
            if (e.MachineGuid is { } machine && e.Status != PresenceStatus.Offline)
            {
                (list ??= []).Add(new EndpointPresence(machine, e.ClientId, e.ClientIdExtended, e.Private));
            }
        }

        return list is null ? [] : list;
    }

    /// <summary><c>FLN</c> to everyone online who could see <paramref name="me"/>.</summary>
    public static ValueTask AnnounceOfflineAsync(NotificationSession me) =>
        ForEachAllowedViewerAsync(me, new OfflineNotification(me.Account), null);

    /// <summary>
    /// Before a privacy change (AL/BL entry, BLP) made at <paramref name="me"/>'s session: see
    /// <see cref="CaptureVisibilityAsync(IContactStore, PresenceServices, string, IEnumerable{string}?)"/>.
    /// </summary>
    public static ValueTask<Dictionary<string, bool>> CaptureVisibilityAsync(NotificationSession me, IEnumerable<string>? candidates = null) =>
        CaptureVisibilityAsync(me.Services.Contacts, me.Services.Presence, me.Account, candidates);

    /// <summary>After a privacy change made at <paramref name="me"/>'s session: see <see cref="AnnounceVisibilityChangesAsync(IContactStore, PresenceServices, string, Dictionary{string, bool})"/>.</summary>
    public static ValueTask AnnounceVisibilityChangesAsync(NotificationSession me, Dictionary<string, bool> before) =>
        AnnounceVisibilityChangesAsync(me.Services.Contacts, me.Services.Presence, me.Account, before);

    /// <summary>
    /// Before a privacy change of <paramref name="subject"/> (AL/BL entry, BLP), made at the notification
    /// server or through the sharing service: which of <paramref name="candidates"/> are online, have
    /// the subject on their FL and see it now. Empty while the subject is offline or hidden (as its
    /// contacts see it, <see cref="AccountPresence.Current"/>), since nobody can notice a change then.
    /// </summary>
    public static async ValueTask<Dictionary<string, bool>> CaptureVisibilityAsync(IContactStore contacts, PresenceServices presence, string subject, IEnumerable<string>? candidates = null)
    {
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (await presence.Directory.FindAsync(subject).ConfigureAwait(false) is not { Current.IsVisible: true })
        {
            return seen;
        }

        var reverse = await contacts.GetReverseListAsync(subject).ConfigureAwait(false);
        foreach (var account in candidates is null ? reverse : reverse.Intersect(candidates, StringComparer.Ordinal))
        {
            if (account != subject && await presence.Directory.FindAsync(account).ConfigureAwait(false) is { IsOnline: true })
            {
                seen[account] = await contacts.CanSeeAsync(account, subject).ConfigureAwait(false);
            }
        }

        return seen;
    }

    /// <summary>
    /// After a privacy change of <paramref name="subject"/>: <c>NLN</c> (and <c>UBX</c>) of the presence its
    /// contacts see to the captured viewers who now see it, <c>FLN</c> to those who no longer do; viewers
    /// whose view did not change hear nothing. The notification server's list commands and the sharing
    /// service's <c>AddMember</c>/<c>DeleteMember</c> both end here, so a block has the same effect either way.
    /// </summary>
    public static async ValueTask AnnounceVisibilityChangesAsync(IContactStore contacts, PresenceServices presence, string subject, Dictionary<string, bool> before)
    {
        if (before.Count == 0)
        {
            return;
        }

        // Signed out or hidden since the capture: the sign-out's own FLN already told everyone.
        var own = await presence.Directory.FindAsync(subject).ConfigureAwait(false);
        if (own?.Current is not { IsVisible: true } current)
        {
            return;
        }

        var delivery = presence.Delivery;
        foreach (var (account, saw) in before)
        {
            var viewer = await presence.Directory.FindAsync(account).ConfigureAwait(false);
            if (viewer is not { IsOnline: true })
            {
                continue;
            }

            bool sees = await contacts.CanSeeAsync(account, subject).ConfigureAwait(false);
            if (sees == saw)
            {
                continue;
            }

            if (sees)
            {
                await DeliverAsync(delivery, viewer, new PresenceNotification(current.ToPresenceInfo()), PersonalStatusOf(current, own)).ConfigureAwait(false);
            }
            else
            {
                await DeliverAsync(delivery, viewer, new OfflineNotification(subject), null).ConfigureAwait(false);
            }
        }
    }

    // UBX follows the NLN/ILN it belongs to; sessions whose dialect has no personal messages ignore it.
    // From MSNP16 it also lists the subject's points of presence, so it goes out even with no personal message.
    private static PersonalStatusNotification? PersonalStatusOf(PresenceEndpoint subject, AccountPresence account) =>
        PersonalStatusOf(subject.Account, subject.PersonalStatus, EndpointsOf(account));

    private static PersonalStatusNotification? PersonalStatusOf(string account, Protocol.Messages.PersonalStatus? status, IReadOnlyList<EndpointPresence> endpoints) =>
        status is { IsEmpty: false } || endpoints.Count > 0
            ? new PersonalStatusNotification(account, (status ?? Protocol.Messages.PersonalStatus.Empty) with { MachineGuid = null }, endpoints)
            : null;

    private static async ValueTask DeliverAsync(INotificationDelivery delivery, AccountPresence viewer, EndpointNotification first, EndpointNotification? second)
    {
        // Only the viewer's endpoints that went online: one still signing in gets the ILN burst later.
        var endpoints = viewer.Endpoints;
        for (int i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].Status == PresenceStatus.Offline)
            {
                continue;
            }

            var address = endpoints[i].Address;
            if (second is null)
            {
                await delivery.DeliverAsync(address, first).ConfigureAwait(false);
            }
            else
            {
                await delivery.DeliverAsync(address, first, second).ConfigureAwait(false);
            }
        }
    }

    // CanSeeAsync(viewer, me) reads my privacy setting and my lists' entry for the viewer. For a
    // user with hundreds of online contacts, one database read per viewer made a status change
    // cost hundreds of round trips; my RL and own lists (ViewerLists, one version read while they
    // are unchanged) give the same answers for all.
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
        if (await presence.Viewers.GetAsync(contacts, subject).ConfigureAwait(false) is not { } lists)
        {
            return;
        }

        var directory = presence.Directory;
        var delivery = presence.Delivery;
        foreach (var account in lists.Reverse)
        {
            if (account == subject || !lists.Allows(account))
            {
                continue;
            }

            var viewer = await directory.FindAsync(account).ConfigureAwait(false);
            if (viewer is { IsOnline: true })
            {
                await DeliverAsync(delivery, viewer, first, second).ConfigureAwait(false);
            }
        }
    }
}
