using Microsoft.Extensions.Options;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;

namespace Msnp.Cluster.Grains;

/// <summary>
/// Holds one key's failures in the single node's <see cref="KeyedBackoff"/> (a table of one key),
/// so the rules are the same on one node and on many. Kept while it remembers anything (at least
/// the failure window and the longest lock), released when clean. Not persisted: if its node dies,
/// the count starts again (docs/cluster.md). Remembers its last answers by request id, so a call
/// retried after a response timeout is counted once.
/// </summary>
internal sealed class SignInBackoffGrain : Grain, ISignInBackoffGrain
{
    /// <summary>The key prefix of addresses (many users may share one, so attempts run in parallel while it is clean).</summary>
    public const string AddressPrefix = "address/";

    /// <summary>The key prefix of accounts.</summary>
    public const string AccountPrefix = "account/";

    /// <summary>Request ids remembered (docs/limits.md): an address key may have many sign-ins in flight at once.</summary>
    public const int RememberedRequests = 256;

    private readonly RecentRequests<bool> _recent = new(RememberedRequests);
    private readonly KeyedBackoff _table;
    private readonly TimeSpan _remember;

    public SignInBackoffGrain(IOptions<MsnpServerOptions> options, TimeProvider time)
    {
        var limits = options.Value.Limits;
        _table = new KeyedBackoff(limits, time, parallelWhileClean: this.GetPrimaryKeyString().StartsWith(AddressPrefix, StringComparison.Ordinal));
        _remember = limits.SignInFailureWindow + limits.SignInBackoffMax;
    }

    private string Key => this.GetPrimaryKeyString();

    public Task<bool> IsLocked()
    {
        bool locked = _table.IsLocked(Key);
        Settle();
        return Task.FromResult(locked);
    }

    public Task<bool> TryReserve(Guid request)
    {
        if (_recent.TryGet(request, out bool answer))
        {
            return Task.FromResult(answer);
        }

        bool reserved = _recent.Remember(request, _table.TryReserve(Key));
        Settle();
        return Task.FromResult(reserved);
    }

    public Task Complete(Guid request, bool failed)
    {
        if (!_recent.TryGet(request, out _))
        {
            _table.Complete(Key, failed);
            _recent.Remember(request, true);
            Settle();
        }

        return Task.CompletedTask;
    }

    public Task Forget(Guid request)
    {
        if (!_recent.TryGet(request, out _))
        {
            _table.Forget(Key);
            _recent.Remember(request, true);
            Settle();
        }

        return Task.CompletedTask;
    }

    private void Settle()
    {
        if (_table.IsEmpty)
        {
            this.DeactivateOnIdle();
        }
        else
        {
            this.DelayDeactivation(_remember);
        }
    }
}
