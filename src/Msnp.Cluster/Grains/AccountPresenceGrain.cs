using Msnp.Server.Presence;

namespace Msnp.Cluster.Grains;

/// <summary>
/// Holds one account's endpoints in memory, with the same rules as a single node's directory (it
/// keeps an <see cref="InProcessPresenceDirectory"/> of one account). Kept active while the account
/// has endpoints, released as soon as it has none. Its state is not persisted: if the node holding
/// it dies, every node puts its own sessions back (<see cref="Restore"/>) and the dead node's
/// endpoints are announced offline from the database's endpoint rows (docs/cluster.md).
/// </summary>
[KeepAlive]
internal sealed class AccountPresenceGrain : Grain, IAccountPresenceGrain
{
    private readonly InProcessPresenceDirectory _endpoints = new();

    private string Account => this.GetPrimaryKeyString();

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
        var displaced = await _endpoints.RegisterAsync(record, (EndpointPolicy)policy).ConfigureAwait(true);
        return ClusterJson.Write(displaced);
    }

    public async Task<bool> Update(string endpoint)
    {
        var record = ClusterJson.Read<PresenceEndpoint>(endpoint);
        CheckAccount(record.Account);
        return await _endpoints.UpdateAsync(record).ConfigureAwait(true);
    }

    public async Task<bool> Unregister(string nodeId, Guid endpointId)
    {
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
            await _endpoints.RegisterAsync(record, EndpointPolicy.KeepOthers).ConfigureAwait(true);
        }
    }

    public async Task<bool> DropLost(string nodeId, Guid endpointId)
    {
        await _endpoints.UnregisterAsync(new EndpointAddress(Account, nodeId, endpointId)).ConfigureAwait(true);
        ReleaseWhenEmpty();
        return _endpoints.Count > 0;
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
