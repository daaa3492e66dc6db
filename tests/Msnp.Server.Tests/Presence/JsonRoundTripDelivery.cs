using System.Collections.Concurrent;
using System.Text.Json;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// Delivery the way another node would see it: every notification becomes JSON and a new object
/// read from that JSON is what reaches the session. Counts what it carried, by type.
/// </summary>
internal sealed class JsonRoundTripDelivery(INotificationDelivery inner) : INotificationDelivery
{
    public ConcurrentDictionary<Type, int> Carried { get; } = new();

    public ValueTask<bool> DeliverAsync(EndpointAddress endpoint, EndpointNotification notification, CancellationToken cancellationToken = default) =>
        inner.DeliverAsync(Copy(endpoint), Copy(notification), cancellationToken);

    public ValueTask<int> DeliverToAccountAsync(string account, EndpointNotification notification, CancellationToken cancellationToken = default) =>
        inner.DeliverToAccountAsync(account, Copy(notification), cancellationToken);

    public ValueTask<int> BroadcastAsync(EndpointNotification notification, CancellationToken cancellationToken = default) =>
        inner.BroadcastAsync(Copy(notification), cancellationToken);

    private static EndpointAddress Copy(EndpointAddress address) => JsonSerializer.Deserialize<EndpointAddress>(JsonSerializer.Serialize(address));

    private EndpointNotification Copy(EndpointNotification notification)
    {
        var copy = JsonSerializer.Deserialize<EndpointNotification>(JsonSerializer.Serialize(notification))!;
        Assert.NotSame(notification, copy);
        Carried.AddOrUpdate(copy.GetType(), 1, (_, n) => n + 1);
        return copy;
    }
}
