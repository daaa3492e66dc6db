using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Cluster;

/// <summary>
/// Delivery across nodes: an endpoint of this node gets the notification straight from
/// <see cref="LocalEndpoints"/>; an endpoint of another node through that node's observer, a
/// one-way call (true means handed to a live node, not that the session took it).
/// </summary>
internal sealed class ClusterNotificationDelivery(LocalEndpoints local, LocalNode node, IPresenceDirectory directory, ClusterNodes nodes) : INotificationDelivery
{
    public async ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (string.Equals(endpoint.NodeId, node.Id, StringComparison.Ordinal))
        {
            return local.Deliver(endpoint.EndpointId, notification);
        }

        if (await nodes.FindAsync(endpoint.NodeId).ConfigureAwait(false) is not { } observer)
        {
            return false;
        }

        try
        {
            await observer.Deliver(endpoint.EndpointId, ClusterJson.Write(notification)).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The node is going away (or this one is): its sessions are lost to this notification,
            // as a closed socket's would be; the sender's command goes on.
            return false;
        }
    }

    public async ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification first, EndpointNotification second, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (string.Equals(endpoint.NodeId, node.Id, StringComparison.Ordinal))
        {
            // A session of this node sends both at once.
            return local.Deliver(endpoint.EndpointId, first, second);
        }

        var tookFirst = await DeliverAsync(endpoint, first, cancellationToken).ConfigureAwait(false);
        return await DeliverAsync(endpoint, second, cancellationToken).ConfigureAwait(false) && tookFirst;
    }

    public async ValueTask<int> DeliverToAccountAsync(string account, EndpointNotification notification, CancellationToken cancellationToken = default)
    {
        if (await directory.FindAsync(account, cancellationToken).ConfigureAwait(false) is not { } presence)
        {
            return 0;
        }

        int delivered = 0;
        foreach (var endpoint in presence.Endpoints)
        {
            if (await DeliverAsync(endpoint.Address, notification, cancellationToken).ConfigureAwait(false))
            {
                delivered++;
            }
        }

        return delivered;
    }

    public async ValueTask<int> BroadcastAsync(EndpointNotification notification, CancellationToken cancellationToken = default)
    {
        int delivered = local.DeliverToAll(notification);
        var json = ClusterJson.Write(notification);
        foreach (var remote in nodes.Remote)
        {
            try
            {
                delivered += await remote.Observer.DeliverToAll(json).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // A node that died since the last refresh: its sessions are gone anyway.
            }
        }

        return delivered;
    }
}
