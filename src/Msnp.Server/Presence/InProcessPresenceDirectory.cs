using System.Collections.Concurrent;

namespace Msnp.Server.Presence;

/// <summary>
/// The presence directory of a single node: one immutable <see cref="AccountPresence"/> per
/// signed-in account, swapped atomically. A lookup returns the stored record as a completed
/// <see cref="ValueTask{TResult}"/>, so the presence fan-out allocates nothing per viewer.
/// </summary>
public sealed class InProcessPresenceDirectory : IPresenceDirectory
{
    private static readonly IReadOnlyList<PresenceEndpoint> NoneDisplaced = [];

    private readonly ConcurrentDictionary<string, AccountPresence> _byAccount = new(StringComparer.Ordinal);

    /// <summary>Accounts signed in now.</summary>
    public int Count => _byAccount.Count;

    /// <inheritdoc/>
    public ValueTask<AccountPresence?> FindAsync(string account, CancellationToken cancellationToken = default) =>
        new(_byAccount.TryGetValue(account, out var presence) ? presence : null);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<PresenceEndpoint>> RegisterAsync(PresenceEndpoint endpoint, EndpointPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var account = endpoint.Account;
        while (true)
        {
            if (!_byAccount.TryGetValue(account, out var old))
            {
                if (_byAccount.TryAdd(account, new AccountPresence(account, [endpoint])))
                {
                    return new(NoneDisplaced);
                }

                continue;
            }

            var (kept, displaced) = Split(old.Endpoints, endpoint, policy);
            if (_byAccount.TryUpdate(account, new AccountPresence(account, [.. kept, endpoint]), old))
            {
                return new(displaced);
            }
        }
    }

    // Which of the account's endpoints stay beside the new one, and which it displaces (oldest first).
    private static (PresenceEndpoint[] Kept, IReadOnlyList<PresenceEndpoint> Displaced) Split(IReadOnlyList<PresenceEndpoint> endpoints, PresenceEndpoint added, EndpointPolicy policy)
    {
        var others = endpoints.Where(e => e.EndpointId != added.EndpointId).ToArray();
        if (policy == EndpointPolicy.KeepOthers)
        {
            return (others, NoneDisplaced);
        }

        if (policy == EndpointPolicy.ReplaceOthers || added.MachineGuid is not { } machine)
        {
            return ([], others);
        }

        var kept = others.Where(e => e.MachineGuid is { } g && g != machine).ToList();
        var displaced = others.Where(e => !kept.Contains(e)).ToList();
        while (kept.Count >= EndpointPolicies.MaxPointsOfPresence)
        {
            displaced.Add(kept[0]);
            kept.RemoveAt(0);
        }

        return ([.. kept], displaced.Count == 0 ? NoneDisplaced : displaced);
    }

    /// <inheritdoc/>
    public ValueTask<bool> UpdateAsync(PresenceEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        while (true)
        {
            if (!_byAccount.TryGetValue(endpoint.Account, out var old) || !old.Contains(endpoint.EndpointId))
            {
                return new(false);
            }

            var endpoints = old.Endpoints.Count == 1
                ? [endpoint]
                : old.Endpoints.Select(e => e.EndpointId == endpoint.EndpointId ? endpoint : e).ToArray();
            if (_byAccount.TryUpdate(endpoint.Account, new AccountPresence(endpoint.Account, endpoints), old))
            {
                return new(true);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> UnregisterAsync(EndpointAddress endpoint, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!_byAccount.TryGetValue(endpoint.Account, out var old) || !old.Contains(endpoint.EndpointId))
            {
                return new(false);
            }

            if (old.Endpoints.Count == 1)
            {
                if (_byAccount.TryRemove(new KeyValuePair<string, AccountPresence>(endpoint.Account, old)))
                {
                    return new(true);
                }

                continue;
            }

            var rest = old.Endpoints.Where(e => e.EndpointId != endpoint.EndpointId).ToArray();
            if (_byAccount.TryUpdate(endpoint.Account, new AccountPresence(endpoint.Account, rest), old))
            {
                return new(true);
            }
        }
    }
}
