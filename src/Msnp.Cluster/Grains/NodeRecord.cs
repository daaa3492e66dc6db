namespace Msnp.Cluster.Grains;

/// <summary>A live node as the others know it: its name, its observer, and the addresses it serves.</summary>
/// <param name="NodeId">The node's name (<c>LocalNode.Id</c> there).</param>
/// <param name="Observer">Where notifications for its sessions go.</param>
/// <param name="NotificationAddress">Its notification server's public <c>host:port</c>, for dispatch's <c>XFR … NS</c>.</param>
[GenerateSerializer, Immutable]
public sealed record NodeRecord(
    [property: Id(0)] string NodeId,
    [property: Id(1)] INodeObserver Observer,
    [property: Id(2)] string NotificationAddress);
