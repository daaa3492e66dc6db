using Msnp.Server.Dispatch;

namespace Msnp.Cluster;

/// <summary>
/// Dispatch in a cluster: each sign-in goes to the next live node's notification server in turn
/// (round robin over the node registry), so any node's dispatch port spreads users over all nodes.
/// Falls back to this node when the registry is not known yet.
/// </summary>
internal sealed class ClusterNotificationServers(ClusterNodes nodes, LocalNotificationServer local) : INotificationServerChooser
{
    private int _next;

    public string Choose()
    {
        var candidates = nodes.All.Where(n => !n.NotificationAddress.EndsWith(":0", StringComparison.Ordinal)).OrderBy(n => n.NodeId, StringComparer.Ordinal).ToArray();
        if (candidates.Length == 0)
        {
            return local.Choose();
        }

        int turn = (int)((uint)Interlocked.Increment(ref _next) % (uint)candidates.Length);
        return candidates[turn].NotificationAddress;
    }
}
