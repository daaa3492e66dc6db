using System.Collections.Concurrent;
using Msnp.Cluster.Grains;
using Msnp.Server.Presence;

namespace Msnp.Cluster;

/// <summary>
/// The cluster's presence directory: one <see cref="IAccountPresenceGrain"/> per account, on
/// whichever node Orleans placed it (the grain keeps its endpoints in the database's endpoint rows,
/// so it starts again complete after its node died). Calls are retried while a dead node's grains
/// cannot be reached yet (<see cref="ClusterRetry"/>). This node also keeps the last record of each
/// of its own endpoints, to put back one that a duplicate activation right after a death missed.
/// </summary>
internal sealed class GrainPresenceDirectory(IGrainFactory grains, ClusterRetry retry, LocalNode node, LocalEndpoints local) : IPresenceDirectory
{
    private readonly ConcurrentDictionary<Guid, PresenceEndpoint> _own = new();

    public async ValueTask<AccountPresence?> FindAsync(string account, CancellationToken cancellationToken = default)
    {
        var json = await retry.CallAsync(() => Grain(account).Find()).ConfigureAwait(false);
        return json is null ? null : ClusterJson.Read<AccountPresence>(json);
    }

    public async ValueTask<IReadOnlyList<PresenceEndpoint>> RegisterAsync(PresenceEndpoint endpoint, EndpointPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (IsOwn(endpoint.NodeId))
        {
            _own[endpoint.EndpointId] = endpoint;
        }

        var json = ClusterJson.Write(endpoint);
        var displaced = await retry.CallAsync(() => Grain(endpoint.Account).Register(json, (int)policy)).ConfigureAwait(false);
        return ClusterJson.Read<PresenceEndpoint[]>(displaced);
    }

    public async ValueTask<bool> UpdateAsync(PresenceEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (IsOwn(endpoint.NodeId) && _own.ContainsKey(endpoint.EndpointId))
        {
            _own[endpoint.EndpointId] = endpoint;
        }

        var json = ClusterJson.Write(endpoint);
        return await retry.CallAsync(() => Grain(endpoint.Account).Update(json)).ConfigureAwait(false);
    }

    public async ValueTask<bool> UnregisterAsync(EndpointAddress endpoint, CancellationToken cancellationToken = default)
    {
        if (IsOwn(endpoint.NodeId))
        {
            _own.TryRemove(endpoint.EndpointId, out _);
        }

        return await retry.CallAsync(() => Grain(endpoint.Account).Unregister(endpoint.NodeId, endpoint.EndpointId)).ConfigureAwait(false);
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
                var json = ClusterJson.Write(endpoint);
                await retry.CallAsync(() => Grain(endpoint.Account).Restore(json)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Forgets an endpoint of a dead node; true when its account is still signed in somewhere.</summary>
    public Task<bool> DropLostAsync(string account, string nodeId, Guid endpointId) => retry.CallAsync(() => Grain(account).DropLost(nodeId, endpointId));

    private bool IsOwn(string nodeId) => string.Equals(nodeId, node.Id, StringComparison.Ordinal);

    private IAccountPresenceGrain Grain(string account) => grains.GetGrain<IAccountPresenceGrain>(account);
}
