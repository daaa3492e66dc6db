using Msnp.Cluster.Grains;
using Msnp.Cluster.Storage;
using Msnp.Server.Presence;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Msnp.Cluster;

/// <summary>
/// This node's view of the live nodes: where to send a notification for an endpoint of another
/// node, and which notification servers dispatch hands out. Read from the node rows in the
/// database, less the runs membership knows to be dead (<see cref="NodeRows"/>), so it never
/// depends on a node that may have died. Refreshed when membership changes, on a period, and when
/// a node is asked for that the cache does not know (at most once a second).
/// </summary>
internal sealed class ClusterNodes(NodeRows rows, Serializer<NodeRecord> serializer, IClusterMembershipService membership, ILocalSiloDetails silo, LocalNode local, TimeProvider time)
{
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private volatile Dictionary<string, NodeRecord> _nodes = new(StringComparer.Ordinal);
    private long _lastMissRefresh;

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

    /// <summary>Reads the node rows again; deletes those of runs membership declared dead.</summary>
    public async Task RefreshAsync()
    {
        var snapshot = membership.CurrentSnapshot;
        var nodes = new Dictionary<string, NodeRecord>(StringComparer.Ordinal);
        foreach (var (name, address, record) in await rows.AllAsync().ConfigureAwait(false))
        {
            if (ClusterMembers.IsDead(snapshot, SiloAddress.FromParsableString(address)))
            {
                await rows.RemoveAsync(name, address).ConfigureAwait(false);
                continue;
            }

            nodes[name] = serializer.Deserialize(record) ?? throw new InvalidDataException($"The record of node {name} is empty.");
        }

        _nodes = nodes;
    }

    /// <summary>Records (or refreshes) this node.</summary>
    public Task RegisterAsync(NodeRecord self) => rows.SaveAsync(self.NodeId, silo.SiloAddress.ToParsableString(), serializer.SerializeToArray(self));

    /// <summary>Removes this node's record as it leaves.</summary>
    public Task ForgetSelfAsync() => rows.RemoveAsync(local.Id, silo.SiloAddress.ToParsableString());
}
