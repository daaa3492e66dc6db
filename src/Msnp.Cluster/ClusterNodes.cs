using Msnp.Cluster.Grains;
using Msnp.Server.Presence;

namespace Msnp.Cluster;

/// <summary>
/// This node's view of the other live nodes (from the <see cref="INodeRegistryGrain"/>): where to
/// send a notification for an endpoint of another node. Refreshed when membership changes, on a
/// period, and when a node is asked for that the cache does not know (at most once a second).
/// </summary>
internal sealed class ClusterNodes(IGrainFactory grains, LocalNode local, TimeProvider time)
{
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private volatile Dictionary<string, NodeRecord> _nodes = new(StringComparer.Ordinal);
    private long _lastMissRefresh;

    private INodeRegistryGrain Registry => grains.GetGrain<INodeRegistryGrain>(0);

    /// <summary>The other nodes known now.</summary>
    public IReadOnlyCollection<NodeRecord> Remote => _nodes.Values.Where(n => n.NodeId != local.Id).ToArray();

    /// <summary>Every known node, this one included.</summary>
    public IReadOnlyCollection<NodeRecord> All => _nodes.Values;

    /// <summary>The observer of <paramref name="nodeId"/>, or null when no live node has that name.</summary>
    public async ValueTask<INodeObserver?> FindAsync(string nodeId)
    {
        if (_nodes.TryGetValue(nodeId, out var node))
        {
            return node.Observer;
        }

        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _lastMissRefresh);
        if (time.GetElapsedTime(last, now) >= MissRefreshInterval && Interlocked.CompareExchange(ref _lastMissRefresh, now, last) == last)
        {
            await RefreshAsync().ConfigureAwait(false);
        }

        return _nodes.TryGetValue(nodeId, out node) ? node.Observer : null;
    }

    /// <summary>Reads the registry again.</summary>
    public async Task RefreshAsync()
    {
        var all = await Registry.All().ConfigureAwait(false);
        _nodes = all.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
    }

    /// <summary>Registers (or refreshes) this node in the registry.</summary>
    public Task RegisterAsync(NodeRecord self) => Registry.Register(self);

    /// <summary>Removes a node that is gone from the registry.</summary>
    public Task ForgetAsync(string nodeId) => Registry.Forget(nodeId);
}
