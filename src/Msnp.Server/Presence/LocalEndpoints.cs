using System.Collections.Concurrent;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Presence;

/// <summary>
/// The signed-in sessions whose sockets are on this node, by endpoint id. Every node has one,
/// whatever directory and delivery it uses: it is where a notification for a local endpoint
/// ends up, and what node-local operations (shutdown, the operators' session list) walk.
/// </summary>
public sealed class LocalEndpoints
{
    private readonly ConcurrentDictionary<Guid, INotificationReceiver> _byId = new();

    /// <summary>Sessions on this node now.</summary>
    public int Count => _byId.Count;

    /// <summary>The sessions on this node now (a snapshot).</summary>
    public IReadOnlyCollection<INotificationReceiver> All => (IReadOnlyCollection<INotificationReceiver>)_byId.Values;

    /// <summary>Adds a signed-in session.</summary>
    public void Add(INotificationReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        _byId[receiver.EndpointId] = receiver;
    }

    /// <summary>Removes a session that ended.</summary>
    public void Remove(INotificationReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        _byId.TryRemove(new KeyValuePair<Guid, INotificationReceiver>(receiver.EndpointId, receiver));
    }

    /// <summary>True while the session <paramref name="endpointId"/> is on this node and not signed out.</summary>
    public bool Contains(Guid endpointId) => _byId.ContainsKey(endpointId);

    /// <summary>Hands <paramref name="notification"/> to the local session <paramref name="endpointId"/>; false when there is none or it refused.</summary>
    public bool Deliver(Guid endpointId, EndpointNotification notification) =>
        _byId.TryGetValue(endpointId, out var receiver) && receiver.Receive(notification);

    /// <summary>Hands <paramref name="first"/> and then <paramref name="second"/> to the local session <paramref name="endpointId"/> (see <see cref="INotificationReceiver.Receive(EndpointNotification, EndpointNotification)"/>).</summary>
    public bool Deliver(Guid endpointId, EndpointNotification first, EndpointNotification second) =>
        _byId.TryGetValue(endpointId, out var receiver) && receiver.Receive(first, second);

    /// <summary>Hands <paramref name="notification"/> to every local session; returns how many took it.</summary>
    public int DeliverToAll(EndpointNotification notification)
    {
        int delivered = 0;
        foreach (var receiver in _byId.Values)
        {
            if (receiver.Receive(notification))
            {
                delivered++;
            }
        }

        return delivered;
    }
}
