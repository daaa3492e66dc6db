namespace Msnp.Cluster.Grains;

/// <inheritdoc cref="INodeRegistryGrain"/>
[KeepAlive]
internal sealed class NodeRegistryGrain : Grain, INodeRegistryGrain
{
    private readonly Dictionary<string, NodeRecord> _nodes = new(StringComparer.Ordinal);

    public Task Register(NodeRecord node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes[node.NodeId] = node;
        return Task.CompletedTask;
    }

    public Task Forget(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public Task<NodeRecord[]> All() => Task.FromResult(_nodes.Values.ToArray());
}
