using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Presence;

/// <summary>
/// Delivery on a single node: every endpoint is a session of this process, found by its id in
/// <see cref="LocalEndpoints"/>. Completes synchronously, so a fan-out costs no allocation per viewer.
/// </summary>
public sealed class InProcessNotificationDelivery(LocalEndpoints endpoints, IPresenceDirectory directory) : INotificationDelivery
{
    /// <inheritdoc/>
    public ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification notification, CancellationToken cancellationToken = default) =>
        new(endpoints.Deliver(endpoint.EndpointId, notification));

    /// <inheritdoc/>
    public ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification first, EndpointNotification second, CancellationToken cancellationToken = default) =>
        new(endpoints.Deliver(endpoint.EndpointId, first, second));

    /// <inheritdoc/>
    public async ValueTask<int> DeliverToAccountAsync(string account, EndpointNotification notification, CancellationToken cancellationToken = default)
    {
        if (await directory.FindAsync(account, cancellationToken).ConfigureAwait(false) is not { } presence)
        {
            return 0;
        }

        int delivered = 0;
        foreach (var endpoint in presence.Endpoints)
        {
            if (endpoints.Deliver(endpoint.EndpointId, notification))
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <inheritdoc/>
    public ValueTask<int> BroadcastAsync(EndpointNotification notification, CancellationToken cancellationToken = default) =>
        new(endpoints.DeliverToAll(notification));
}
