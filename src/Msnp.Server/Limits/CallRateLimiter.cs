namespace Msnp.Server.Limits;

/// <summary>
/// <c>CAL</c> rate per user over all of their switchboard sessions: a burst, then a sustained
/// rate; beyond it <c>CAL</c> gets 713 (calling too rapidly), so nobody can ring-spam others.
/// </summary>
public sealed class CallRateLimiter
{
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly ServerLimits _limits;
    private readonly TimeProvider _time;

    /// <summary>Creates the limiter.</summary>
    public CallRateLimiter(ServerLimits limits, TimeProvider time)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _time = time;
    }

    internal int TrackedAccounts
    {
        get
        {
            lock (_buckets)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Takes one call from <paramref name="account"/>'s allowance; false when it is used up.</summary>
    public bool TryCall(string account)
    {
        if (_limits.CallsPerMinute <= 0)
        {
            return true;
        }

        lock (_buckets)
        {
            if (!_buckets.TryGetValue(account, out var bucket))
            {
                // A full bucket is the same as none, so those go first.
                KeyTable.MakeRoom(_buckets, _limits.MaxTrackedKeys, static b => b.IsFull);

                bucket = new TokenBucket(_time, _limits.CallBurst, _limits.CallsPerMinute / 60);
                _buckets[account] = bucket;
            }

            if (bucket.TryTake())
            {
                return true;
            }
        }

        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.CallLimiter);
        return false;
    }
}
