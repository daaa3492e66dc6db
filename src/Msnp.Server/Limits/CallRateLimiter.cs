namespace Msnp.Server.Limits;

/// <summary>
/// <c>CAL</c> rate per user over all of their switchboard sessions: a burst, then a sustained
/// rate; beyond it <c>CAL</c> gets 713 (calling too rapidly), so nobody can ring-spam others.
/// </summary>
public sealed class CallRateLimiter
{
    private readonly KeyedTokenBuckets _buckets;
    private readonly ServerLimits _limits;

    /// <summary>Creates the limiter.</summary>
    public CallRateLimiter(ServerLimits limits, TimeProvider time)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _buckets = new KeyedTokenBuckets(time, limits);
    }

    internal int TrackedAccounts => _buckets.Count;

    /// <summary>Takes one call from <paramref name="account"/>'s allowance; false when it is used up.</summary>
    public bool TryCall(string account)
    {
        if (_limits.CallsPerMinute <= 0)
        {
            return true;
        }

        if (_buckets.TryTake(account, _limits.CallBurst, _limits.CallsPerMinute / 60))
        {
            return true;
        }

        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.CallLimiter);
        return false;
    }
}
