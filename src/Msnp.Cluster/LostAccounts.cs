using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Cluster;

/// <summary>
/// <c>FLN</c> for an account whose node died, to the watchers signed in on <em>this</em> node. Every
/// node is told and tells its own sessions, from its own record of them: the watchers' grains may
/// have died with the same node and not be filled again yet, so asking the directory for them
/// could miss a watcher.
/// </summary>
internal sealed class LostAccounts(IContactStore contacts, GrainPresenceDirectory directory, LocalEndpoints local)
{
    public async Task AnnounceOfflineAsync(string account)
    {
        var watchers = directory.OwnEndpoints.Where(e => e.Account != account && e.Status != PresenceStatus.Offline).ToArray();
        if (watchers.Length == 0)
        {
            return;
        }

        var reverse = (await contacts.GetReverseListAsync(account).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (!watchers.Any(w => reverse.Contains(w.Account)) || await contacts.GetSnapshotAsync(account).ConfigureAwait(false) is not { } snapshot)
        {
            return;
        }

        var lists = snapshot.Contacts.ToDictionary(c => c.Account, c => c.Lists, StringComparer.Ordinal);
        var offline = new OfflineNotification(account);
        foreach (var watcher in watchers)
        {
            if (reverse.Contains(watcher.Account) && Privacy.Allows(snapshot.Privacy.Default, lists.GetValueOrDefault(watcher.Account)))
            {
                local.Deliver(watcher.EndpointId, offline);
            }
        }
    }
}
