namespace Msnp.Server.Limits;

/// <summary>
/// A limiter that allows each key (an account, an address) a burst, then a sustained rate per
/// minute: one token bucket per key in a table bounded by <see cref="ServerLimits.MaxTrackedKeys"/>
/// (<see cref="KeyedTokenBuckets"/>). Each limiter reads its own settings at every take and decides
/// what is exempt; a refusal is counted under the limiter's metric tags, when it has them.
/// </summary>
public abstract class KeyedRate
{
    private readonly KeyedTokenBuckets _buckets;
    private readonly KeyValuePair<string, object?>[]? _refusals;

    private protected KeyedRate(ServerLimits limits, TimeProvider time, KeyValuePair<string, object?>[]? refusals)
    {
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _buckets = new KeyedTokenBuckets(time, limits);
        _refusals = refusals;
    }

    private protected ServerLimits Limits { get; }

    /// <summary>Takes one from <paramref name="key"/>'s allowance of <paramref name="burst"/>, refilled at <paramref name="perMinute"/>; false when it is used up.</summary>
    private protected bool TryTake(string key, int burst, double perMinute)
    {
        if (_buckets.TryTake(key, burst, perMinute / 60))
        {
            return true;
        }

        if (_refusals is not null)
        {
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, _refusals);
        }

        return false;
    }
}
