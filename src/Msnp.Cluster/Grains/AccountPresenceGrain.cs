using Msnp.Cluster.Storage;
using Msnp.Server.Presence;

namespace Msnp.Cluster.Grains;

/// <summary>
/// Holds one account's endpoints in memory, with the same rules as a single node's directory (it
/// keeps an <see cref="InProcessPresenceDirectory"/> of one account). Its state is the account's
/// rows in <c>msnp_cluster_endpoints</c>: every sign-in, change and sign-out is written there
/// before the grain answers, and an activation starts from them. So when the node that held the
/// grain dies, the next call activates it elsewhere with every endpoint and its latest status
/// (endpoints of nodes known dead are left out; the survivors announce those offline,
/// docs/cluster.md). Kept active while the account has endpoints, released when it has none.
/// </summary>
[KeepAlive]
internal sealed class AccountPresenceGrain(EndpointRows rows, IClusterMembershipService membership) : Grain, IAccountPresenceGrain
{
    private readonly InProcessPresenceDirectory _endpoints = new();

    private string Account => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var endpoint in await rows.ForAccountAsync(Account).ConfigureAwait(true))
        {
            if (endpoint.Account == Account && !ClusterMembers.IsGone(snapshot, endpoint.NodeId))
            {
                await _endpoints.RegisterAsync(endpoint, EndpointPolicy.KeepOthers, cancellationToken).ConfigureAwait(true);
            }
        }
    }

    public async Task<string?> Find()
    {
        var presence = await _endpoints.FindAsync(Account).ConfigureAwait(true);
        if (presence is null)
        {
            this.DeactivateOnIdle();
            return null;
        }

        return ClusterJson.Write(presence);
    }

    public async Task<string> Register(string endpoint, int policy)
    {
        var record = ClusterJson.Read<PresenceEndpoint>(endpoint);
        CheckAccount(record.Account);
        await rows.SaveAsync(record).ConfigureAwait(true);
        await AdoptUnseenAsync(record).ConfigureAwait(true);
        var displaced = await _endpoints.RegisterAsync(record, (EndpointPolicy)policy).ConfigureAwait(true);
        foreach (var gone in displaced)
        {
            await rows.RemoveAsync(gone.NodeId, gone.EndpointId).ConfigureAwait(true);
        }

        return ClusterJson.Write(displaced);
    }

    public async Task<bool> Update(string endpoint)
    {
        var record = ClusterJson.Read<PresenceEndpoint>(endpoint);
        CheckAccount(record.Account);
        if ((await _endpoints.FindAsync(Account).ConfigureAwait(true))?.Contains(record.EndpointId) != true)
        {
            return false;
        }

        await rows.SaveAsync(record).ConfigureAwait(true);
        return await _endpoints.UpdateAsync(record).ConfigureAwait(true);
    }

    public async Task<bool> Unregister(string nodeId, Guid endpointId)
    {
        await rows.RemoveAsync(nodeId, endpointId).ConfigureAwait(true);
        bool removed = await _endpoints.UnregisterAsync(new EndpointAddress(Account, nodeId, endpointId)).ConfigureAwait(true);
        ReleaseWhenEmpty();
        return removed;
    }

    public async Task Restore(string endpoint)
    {
        var record = ClusterJson.Read<PresenceEndpoint>(endpoint);
        CheckAccount(record.Account);
        var current = await _endpoints.FindAsync(Account).ConfigureAwait(true);
        if (current is null || !current.Contains(record.EndpointId))
        {
            await rows.SaveAsync(record).ConfigureAwait(true);
            await _endpoints.RegisterAsync(record, EndpointPolicy.KeepOthers).ConfigureAwait(true);
        }
    }

    // The row stays: every surviving node reads the dead node's rows to tell its own sessions
    // (ClusterMembershipWatcher), and deletes them once they are stale.
    public async Task<bool> DropLost(string nodeId, Guid endpointId)
    {
        await _endpoints.UnregisterAsync(new EndpointAddress(Account, nodeId, endpointId)).ConfigureAwait(true);
        ReleaseWhenEmpty();
        return _endpoints.Count > 0;
    }

    // Right after a node death a second activation of this grain may briefly exist (docs/cluster.md,
    // "Node failure") and sign in endpoints this one never saw; the rows are the record both write
    // before answering. Taking those in before a sign-in applies its policy lets it displace them
    // as on one node (OUT OTH up to MSNP15, the same machine from MSNP16), instead of both staying.
    // Rows of nodes known to be gone are left to the survivors' sync, as at activation.
    private async Task AdoptUnseenAsync(PresenceEndpoint signingIn)
    {
        var snapshot = membership.CurrentSnapshot;
        var known = await _endpoints.FindAsync(Account).ConfigureAwait(true);
        foreach (var row in await rows.ForAccountAsync(Account).ConfigureAwait(true))
        {
            if (row.Account == Account && row.EndpointId != signingIn.EndpointId && known?.Contains(row.EndpointId) != true
                && !ClusterMembers.IsGone(snapshot, row.NodeId))
            {
                await _endpoints.RegisterAsync(row, EndpointPolicy.KeepOthers).ConfigureAwait(true);
            }
        }
    }

    private void ReleaseWhenEmpty()
    {
        if (_endpoints.Count == 0)
        {
            this.DeactivateOnIdle();
        }
    }

    private void CheckAccount(string account)
    {
        if (!string.Equals(account, Account, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An endpoint of {account} was sent to the presence of {Account}.");
        }
    }
}
