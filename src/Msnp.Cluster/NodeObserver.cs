using Msnp.Cluster.Grains;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Cluster;

/// <summary>Where other nodes' notifications for this node's sessions arrive: straight into <see cref="LocalEndpoints"/>.</summary>
internal sealed class NodeObserver(LocalEndpoints local, LostAccounts lost) : INodeObserver
{
    public Task AccountLost(string account) => lost.AnnounceOfflineAsync(account);

    public Task Deliver(Guid endpointId, string notification)
    {
        local.Deliver(endpointId, ClusterJson.Read<EndpointNotification>(notification));
        return Task.CompletedTask;
    }

    public Task<int> DeliverToAll(string notification) =>
        Task.FromResult(local.DeliverToAll(ClusterJson.Read<EndpointNotification>(notification)));
}
