using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>
/// Who hears about whose presence (catalogue §5.7): a contact's status reaches a user only when
/// the user has the contact on the FL and the contact allows the user (AL/BL/BLP); hidden and
/// disallowed users always look offline.
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
        var other = me.Services.Presence.Find(contact);
        if (other is null || !IsVisible(other.Status))
        {
            return;
        }

        if (await me.Services.Contacts.CanSeeAsync(me.Account, contact).ConfigureAwait(false))
        {
            var info = new PresenceInfo(other.Status, other.Account, other.FriendlyName, other.ClientId, other.MsnObject);
            me.Deliver((trId, info), static (w, writer, s) => writer.WriteInitialPresence(w, s.trId, s.info));
            DeliverPersonalStatus(me, other);
        }
    }

    /// <summary><c>NLN</c> to everyone online who has <paramref name="me"/> on their FL and is allowed to see them.</summary>
    public static async ValueTask AnnounceAsync(NotificationSession me)
    {
        var info = me.PresenceInfo;
        await ForEachAllowedViewerAsync(me, viewer => viewer.Deliver(info, static (w, writer, i) => writer.WritePresenceChanged(w, i))).ConfigureAwait(false);
    }

    /// <summary><c>UBX</c> to everyone online at MSNP11+ who has <paramref name="me"/> on their FL and is allowed to see them.</summary>
    public static async ValueTask AnnouncePersonalStatusAsync(NotificationSession me) =>
        await ForEachAllowedViewerAsync(me, viewer => DeliverPersonalStatus(viewer, me)).ConfigureAwait(false);

    /// <summary><c>FLN</c> to everyone online who could see <paramref name="me"/>.</summary>
    public static async ValueTask AnnounceOfflineAsync(NotificationSession me)
    {
        var account = me.Account;
        await ForEachAllowedViewerAsync(me, viewer => viewer.Deliver(account, static (w, writer, a) => writer.WriteOffline(w, a))).ConfigureAwait(false);
    }

    /// <summary>
    /// Before a privacy change (AL/BL entry, BLP): which of <paramref name="candidates"/> are online,
    /// have <paramref name="me"/> on their FL and see <paramref name="me"/> now. Empty while
    /// <paramref name="me"/> is offline or hidden, since nobody can notice a change then.
    /// </summary>
    public static async ValueTask<Dictionary<string, bool>> CaptureVisibilityAsync(NotificationSession me, IEnumerable<string>? candidates = null)
    {
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!IsVisible(me.Status))
        {
            return seen;
        }

        var reverse = await me.Services.Contacts.GetReverseListAsync(me.Account).ConfigureAwait(false);
        foreach (var account in candidates is null ? reverse : reverse.Intersect(candidates, StringComparer.Ordinal))
        {
            var viewer = me.Services.Presence.Find(account);
            if (viewer is not null && viewer.Status != PresenceStatus.Offline && !ReferenceEquals(viewer, me))
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
        foreach (var (account, saw) in before)
        {
            var viewer = me.Services.Presence.Find(account);
            if (viewer is null || viewer.Status == PresenceStatus.Offline)
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
                var info = me.PresenceInfo;
                viewer.Deliver(info, static (w, writer, i) => writer.WritePresenceChanged(w, i));
                DeliverPersonalStatus(viewer, me);
            }
            else
            {
                var gone = me.Account;
                viewer.Deliver(gone, static (w, writer, a) => writer.WriteOffline(w, a));
            }
        }
    }

    /// <summary>
    /// A new sign-in replaced <paramref name="previous"/>: if viewers saw the old session, they get
    /// <c>FLN</c>, because the new one is offline to them until its first <c>CHG</c>.
    /// </summary>
    public static async ValueTask AnnounceReplacedAsync(NotificationSession me, IPresenceEndpoint previous)
    {
        if (IsVisible(previous.Status))
        {
            await AnnounceOfflineAsync(me).ConfigureAwait(false);
        }
    }

    // UBX follows the NLN/ILN it belongs to, for viewers whose dialect has personal messages.
    private static void DeliverPersonalStatus(IPresenceEndpoint viewer, IPresenceEndpoint subject)
    {
        if (!viewer.Dialect.HasPersonalMessages || subject.PersonalStatus is not { IsEmpty: false } status)
        {
            return;
        }

        var account = subject.Account;
        var payload = status.ToBytes();
        viewer.Deliver((account, payload), static (w, writer, s) => writer.WritePersonalStatus(w, s.account, s.payload));
    }

    private static bool IsVisible(PresenceStatus status) => status is not (PresenceStatus.Offline or PresenceStatus.Hidden);

    // CanSeeAsync(viewer, me) reads my privacy setting and my lists' entry for the viewer. For a
    // user with hundreds of online contacts, one database read per viewer made a status change
    // cost hundreds of round trips; one read of my own lists gives the same answers for all.
    private static async ValueTask ForEachAllowedViewerAsync(NotificationSession me, Action<IPresenceEndpoint> deliver)
    {
        var reverse = await me.Services.Contacts.GetReverseListAsync(me.Account).ConfigureAwait(false);
        List<(string Account, IPresenceEndpoint Viewer)>? online = null;
        foreach (var account in reverse)
        {
            var viewer = me.Services.Presence.Find(account);
            if (viewer is null || viewer.Status == PresenceStatus.Offline || ReferenceEquals(viewer, me))
            {
                continue;
            }

            (online ??= []).Add((account, viewer));
        }

        if (online is null)
        {
            return;
        }

        var snapshot = await me.Services.Contacts.GetSnapshotAsync(me.Account).ConfigureAwait(false);
        if (snapshot is null)
        {
            return;
        }

        var lists = new Dictionary<string, ListKind>(snapshot.Contacts.Count, StringComparer.Ordinal);
        foreach (var contact in snapshot.Contacts)
        {
            lists[contact.Account] = contact.Lists;
        }

        foreach (var (account, viewer) in online)
        {
            if (Privacy.Allows(snapshot.Privacy.Default, lists.GetValueOrDefault(account)))
            {
                deliver(viewer);
            }
        }
    }
}
