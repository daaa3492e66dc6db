using Orleans.Concurrency;

namespace Msnp.Cluster.Grains;

/// <summary>
/// A node's sessions as other nodes reach them: each node registers one observer with the
/// <see cref="INodeRegistryGrain"/>; a notification for one of its endpoints is a one-way call to it.
/// Calls from one sender arrive in the order sent, so an <c>NLN</c> never overtakes the <c>FLN</c> before it.
/// </summary>
public interface INodeObserver : IGrainObserver
{
    /// <summary>Hands a notification (JSON) to the local session <paramref name="endpointId"/>.</summary>
    [OneWay]
    Task Deliver(Guid endpointId, string notification);

    /// <summary>An account's only endpoint was on a node that died: the node sends <c>FLN</c> to its own sessions that watch it.</summary>
    [OneWay]
    Task AccountLost(string account);

    /// <summary>Hands a notification (JSON) to every session of the node; returns how many took it (operator broadcasts, rare).</summary>
    Task<int> DeliverToAll(string notification);
}
