namespace Msnp.Server.Limits;

/// <summary>
/// <c>CAL</c> rate per user over all of their switchboard sessions: a burst, then a sustained
/// rate; beyond it <c>CAL</c> gets 713 (calling too rapidly), so nobody can ring-spam others.
/// </summary>
public sealed class CallRateLimiter
{
    private readonly ICallAllowance _buckets;
    private readonly ServerLimits _limits;

    /// <summary>Creates the limiter, counting on this node.</summary>
    public CallRateLimiter(ServerLimits limits, TimeProvider time)
        : this(limits, new KeyedTokenBuckets(time, limits ?? throw new ArgumentNullException(nameof(limits))))
    {
    }

    /// <summary>Creates the limiter over allowances kept elsewhere (a cluster's).</summary>
    internal CallRateLimiter(ServerLimits limits, ICallAllowance allowances)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _buckets = allowances;
    }

    internal int TrackedAccounts => (_buckets as KeyedTokenBuckets)?.Count ?? 0;

    /// <summary>Takes one call from <paramref name="account"/>'s allowance; false when it is used up.</summary>
    public async ValueTask<bool> TryCallAsync(string account)
    {
        if (_limits.CallsPerMinute <= 0)
        {
            return true;
        }

        if (await _buckets.TryTakeAsync(account, _limits.CallBurst, _limits.CallsPerMinute / 60).ConfigureAwait(false))
        {
            return true;
        }

        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.CallLimiter);
        return false;
    }
}
