using System.Collections.Concurrent;

namespace Msnp.Server.Presence;

/// <summary>The in-process registry of signed-in sessions, one per account.</summary>
public sealed class PresenceHub : IPresenceHub
{
    private readonly ConcurrentDictionary<string, IPresenceEndpoint> _byAccount = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IReadOnlyCollection<IPresenceEndpoint> All => (IReadOnlyCollection<IPresenceEndpoint>)_byAccount.Values;

    /// <inheritdoc/>
    public IPresenceEndpoint? Register(IPresenceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IPresenceEndpoint? previous = null;
        _byAccount.AddOrUpdate(endpoint.Account, endpoint, (_, old) =>
        {
            previous = old;
            return endpoint;
        });
        return ReferenceEquals(previous, endpoint) ? null : previous;
    }

    /// <inheritdoc/>
    public bool Unregister(IPresenceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _byAccount.TryRemove(new KeyValuePair<string, IPresenceEndpoint>(endpoint.Account, endpoint));
    }

    /// <inheritdoc/>
    public IPresenceEndpoint? Find(string account) => _byAccount.TryGetValue(account, out var e) ? e : null;
}
