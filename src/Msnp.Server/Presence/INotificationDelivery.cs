using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Presence;

/// <summary>
/// Carries notifications to endpoints wherever they are signed in. This node's implementation,
/// <see cref="InProcessNotificationDelivery"/>, hands them straight to the local session; a cluster
/// replaces it with one that sends them to the node named in the address, where
/// <see cref="LocalEndpoints.Deliver"/> hands them on.
/// </summary>
public interface INotificationDelivery
{
    /// <summary>Delivers to one endpoint; false when it is gone or its output refused the lines.</summary>
    ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification notification, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers <paramref name="first"/> and then <paramref name="second"/> to one endpoint (a contact's
    /// <c>NLN</c> and its <c>UBX</c>), so a local session can send them together; false when either was not taken.
    /// </summary>
    async ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification first, EndpointNotification second, CancellationToken cancellationToken = default)
    {
        var tookFirst = await DeliverAsync(endpoint, first, cancellationToken).ConfigureAwait(false);
        return await DeliverAsync(endpoint, second, cancellationToken).ConfigureAwait(false) && tookFirst;
    }

    /// <summary>Delivers to every endpoint of <paramref name="account"/>; returns how many took it.</summary>
    ValueTask<int> DeliverToAccountAsync(string account, EndpointNotification notification, CancellationToken cancellationToken = default);

    /// <summary>Delivers to every signed-in endpoint of the network; returns how many took it.</summary>
    ValueTask<int> BroadcastAsync(EndpointNotification notification, CancellationToken cancellationToken = default);
}
