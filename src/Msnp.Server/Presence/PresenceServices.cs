namespace Msnp.Server.Presence;

/// <summary>
/// What sessions use to find each other and talk across sessions: the directory, the delivery,
/// this node's sessions and this node's identity. A second node replaces the directory and the
/// delivery (registered with <c>TryAdd</c> in <c>AddMsnpServer</c>); the other two are always local.
/// </summary>
/// <param name="Directory">Who is signed in where (records).</param>
/// <param name="Delivery">Carries notifications to endpoints.</param>
/// <param name="Local">The sessions whose sockets are on this node.</param>
/// <param name="Node">This node's id and switchboard address.</param>
public sealed record PresenceServices(IPresenceDirectory Directory, INotificationDelivery Delivery, LocalEndpoints Local, LocalNode Node)
{
    /// <summary>Accounts' RL and own lists, kept between their presence changes while their list version holds.</summary>
    public ViewerLists Viewers { get; } = new();
}
