namespace Msnp.Cluster.Grains;

/// <summary>
/// The live nodes (one grain for the cluster, key 0). In memory only: every node registers itself
/// again whenever membership changes and on a short period, so a registry that was lost with its
/// node fills up again within that period.
/// </summary>
public interface INodeRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or refreshes a node.</summary>
    Task Register(NodeRecord node);

    /// <summary>Removes a node that left or died.</summary>
    Task Forget(string nodeId);

    /// <summary>Every registered node.</summary>
    Task<NodeRecord[]> All();
}
