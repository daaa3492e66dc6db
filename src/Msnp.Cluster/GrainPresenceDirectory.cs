using System.Collections.Concurrent;
using Msnp.Cluster.Grains;
using Msnp.Cluster.Storage;
using Msnp.Server.Presence;

namespace Msnp.Cluster;

/// <summary>
/// The cluster's presence directory: one <see cref="IAccountPresenceGrain"/> per account, on
/// whichever node Orleans placed it. This node also keeps the last record of each of its own
/// endpoints (to put them back into grains lost with a dead node) and writes an endpoint row per
/// sign-in (so the others can announce its users offline if it dies).
/// </summary>
internal sealed class GrainPresenceDirectory(IGrainFactory grains, EndpointRows rows, LocalNode node, LocalEndpoints local) : IPresenceDirectory
{
    private readonly ConcurrentDictionary<Guid, PresenceEndpoint> _own = new();

    public async ValueTask<AccountPresence?> FindAsync(string account, CancellationToken cancellationToken = default)
    {
        var json = await Grain(account).Find().ConfigureAwait(false);
        return json is null ? null : ClusterJson.Read<AccountPresence>(json);
    }

    public async ValueTask<IReadOnlyList<PresenceEndpoint>> RegisterAsync(PresenceEndpoint endpoint, EndpointPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (IsOwn(endpoint.NodeId))
        {
            _own[endpoint.EndpointId] = endpoint;
            await rows.AddAsync(endpoint.NodeId, endpoint.EndpointId, endpoint.Account).ConfigureAwait(false);
        }

        var displaced = await Grain(endpoint.Account).Register(ClusterJson.Write(endpoint), (int)policy).ConfigureAwait(false);
        return ClusterJson.Read<PresenceEndpoint[]>(displaced);
    }

    public async ValueTask<bool> UpdateAsync(PresenceEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (IsOwn(endpoint.NodeId) && _own.ContainsKey(endpoint.EndpointId))
        {
            _own[endpoint.EndpointId] = endpoint;
        }

        return await Grain(endpoint.Account).Update(ClusterJson.Write(endpoint)).ConfigureAwait(false);
    }

    public async ValueTask<bool> UnregisterAsync(EndpointAddress endpoint, CancellationToken cancellationToken = default)
    {
        if (IsOwn(endpoint.NodeId))
        {
            _own.TryRemove(endpoint.EndpointId, out _);
            await rows.RemoveAsync(endpoint.NodeId, endpoint.EndpointId).ConfigureAwait(false);
        }

        return await Grain(endpoint.Account).Unregister(endpoint.NodeId, endpoint.EndpointId).ConfigureAwait(false);
    }

    /// <summary>This node's signed-in endpoints, as last published.</summary>
    public IEnumerable<PresenceEndpoint> OwnEndpoints => _own.Values.Where(e => local.Contains(e.EndpointId));

    /// <summary>Puts this node's signed-in endpoints back into their grains (some may have died with another node).</summary>
    public async Task RestoreOwnAsync()
    {
        foreach (var (id, endpoint) in _own)
        {
            if (local.Contains(id))
            {
                await Grain(endpoint.Account).Restore(ClusterJson.Write(endpoint)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Forgets an endpoint of a dead node; true when its account is still signed in somewhere.</summary>
    public Task<bool> DropLostAsync(string account, string nodeId, Guid endpointId) => Grain(account).DropLost(nodeId, endpointId);

    private bool IsOwn(string nodeId) => string.Equals(nodeId, node.Id, StringComparison.Ordinal);

    private IAccountPresenceGrain Grain(string account) => grains.GetGrain<IAccountPresenceGrain>(account);
}
