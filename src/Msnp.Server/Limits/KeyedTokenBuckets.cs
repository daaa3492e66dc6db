namespace Msnp.Server.Limits;

/// <summary>
/// One token bucket per key (an account, an address), in a table bounded by
/// <see cref="ServerLimits.MaxTrackedKeys"/>: when it is full, full buckets (the same as none) go
/// first. Shared by the per-account and per-address rate limiters.
/// </summary>
internal sealed class KeyedTokenBuckets(TimeProvider time, ServerLimits limits) : ICallAllowance
{
    ValueTask<bool> ICallAllowance.TryTakeAsync(string account, int burst, double perSecond) => new(TryTake(account, burst, perSecond));

    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>How many keys are tracked.</summary>
    public int Count
    {
        get
        {
            lock (_buckets)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Takes one token from <paramref name="key"/>'s bucket, made with <paramref name="burst"/> and <paramref name="perSecond"/> on first use; false when it is empty.</summary>
    public bool TryTake(string key, int burst, double perSecond)
    {
        lock (_buckets)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                KeyTable.MakeRoom(_buckets, limits.MaxTrackedKeys, static b => b.IsFull);
                bucket = new TokenBucket(time, burst, perSecond);
                _buckets[key] = bucket;
            }

            return bucket.TryTake();
        }
    }
}
