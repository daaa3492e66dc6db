using Msnp.Cluster;
using Msnp.Cluster.Grains;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// Right after a node death Orleans' grain directory (eventually consistent) may briefly hold two
/// activations of one account's presence grain, each called by some nodes. That window cannot be
/// opened on demand, so this test builds the same state on purpose: two nodes that are separate
/// clusters (two cluster ids) over one database each activate alice's grain, over the same
/// endpoint rows. Every call then reaches both activations many times at once (sign-ins as a
/// retry sends them again, the sync's restores, status changes); neither activation, nor the
/// rows, nor a third activation started from the rows, may hold an endpoint twice.
/// </summary>
public sealed class PresenceGrainActivationTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task Two_activations_of_one_accounts_presence_grain_called_at_once_keep_each_endpoint_once()
    {
        await using var x = await InProcessClusterNode.StartAsync(clusterId: "x", nodeName: "node-x");
        await using var y = await InProcessClusterNode.StartAsync(databaseOf: x, clusterId: "y", nodeName: "node-y");
        var onX = x.Grains.GetGrain<IAccountPresenceGrain>(Alice);
        var onY = y.Grains.GetGrain<IAccountPresenceGrain>(Alice);

        // alice at MSNP18 on two machines: home signed in through node x, work through node y.
        var home = Endpoint("node-x");
        var work = Endpoint("node-y");
        var calls = new List<Task>();
        for (int i = 0; i < 8; i++)
        {
            foreach (var grain in new[] { onX, onY })
            {
                calls.Add(grain.Register(ClusterJson.Write(home), (int)EndpointPolicy.AddEndpoint));
                calls.Add(grain.Register(ClusterJson.Write(work), (int)EndpointPolicy.AddEndpoint));
                calls.Add(grain.Restore(ClusterJson.Write(work)));
                calls.Add(grain.Update(ClusterJson.Write(home with { Status = PresenceStatus.Busy })));
            }
        }

        await Task.WhenAll(calls);

        // The last change, through node y: the rows hold it, whichever activation wrote before.
        Assert.True(await onY.Update(ClusterJson.Write(home with { Status = PresenceStatus.Away })));

        foreach (var grain in new[] { onX, onY })
        {
            AssertOnceEach(await FindAsync(grain), home, work);
        }

        Assert.Equal(2L, await TestPostgres.ScalarAsync(x.Postgres, $"SELECT count(*) FROM msnp_cluster_endpoints WHERE account = '{Alice}'"));

        // A third activation starts from the rows alone.
        await using var z = await InProcessClusterNode.StartAsync(databaseOf: x, clusterId: "z", nodeName: "node-z");
        var fromRows = await FindAsync(z.Grains.GetGrain<IAccountPresenceGrain>(Alice));
        AssertOnceEach(fromRows, home, work);
        Assert.Equal(PresenceStatus.Away, fromRows.Find(home.EndpointId)!.Status);
    }

    [Fact]
    public async Task A_sign_in_before_MSNP16_on_one_activation_displaces_the_one_made_on_the_other()
    {
        await using var x = await InProcessClusterNode.StartAsync(clusterId: "x", nodeName: "node-x");
        await using var y = await InProcessClusterNode.StartAsync(databaseOf: x, clusterId: "y", nodeName: "node-y");
        const string Bob = "bob@example.com";
        var onX = x.Grains.GetGrain<IAccountPresenceGrain>(Bob);
        var onY = y.Grains.GetGrain<IAccountPresenceGrain>(Bob);

        // Both activations are up with bob's first sign-in (MSNP12: one endpoint per account).
        var first = new PresenceEndpoint(Bob, "node-x", Guid.NewGuid(), 12, PresenceStatus.Online, "Bob");
        Assert.Empty(ClusterJson.Read<PresenceEndpoint[]>(await onX.Register(ClusterJson.Write(first), (int)EndpointPolicy.ReplaceOthers)));
        await onY.Restore(ClusterJson.Write(first));

        // A sign-in through x replaces the first; one through y then replaces that one too, which
        // only x held (y's activation still holds the first, which is gone already).
        var second = first with { EndpointId = Guid.NewGuid() };
        var third = first with { EndpointId = Guid.NewGuid(), NodeId = "node-y" };
        Assert.Equal([first.EndpointId], Ids(await onX.Register(ClusterJson.Write(second), (int)EndpointPolicy.ReplaceOthers)));
        var displacedByY = Ids(await onY.Register(ClusterJson.Write(third), (int)EndpointPolicy.ReplaceOthers));
        Assert.Equal(new[] { first.EndpointId, second.EndpointId }.Order(), displacedByY.Order());
        Assert.Equal(1L, await TestPostgres.ScalarAsync(x.Postgres, $"SELECT count(*) FROM msnp_cluster_endpoints WHERE account = '{Bob}'"));
    }

    private static Guid[] Ids(string displaced) => [.. ClusterJson.Read<PresenceEndpoint[]>(displaced).Select(e => e.EndpointId)];

    private static PresenceEndpoint Endpoint(string node) =>
        new(Alice, node, Guid.NewGuid(), 18, PresenceStatus.Online, "Alice", ClientId: 0x30, MachineGuid: Guid.NewGuid());

    private static async Task<AccountPresence> FindAsync(IAccountPresenceGrain grain) =>
        ClusterJson.Read<AccountPresence>(await grain.Find() ?? throw new InvalidOperationException("alice is signed in nowhere"));

    private static void AssertOnceEach(AccountPresence presence, params PresenceEndpoint[] expected) =>
        Assert.Equal(expected.Select(e => e.EndpointId).Order(), presence.Endpoints.Select(e => e.EndpointId).Order());
}
