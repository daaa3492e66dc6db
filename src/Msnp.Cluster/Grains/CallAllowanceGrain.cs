using Msnp.Server.Limits;

namespace Msnp.Cluster.Grains;

/// <summary>
/// One account's <c>CAL</c> token bucket (the single node's <see cref="TokenBucket"/>), kept until
/// it has refilled, then released: a full bucket is the same as none. Remembers its last answers
/// by request id, so a call retried after a response timeout is taken once.
/// </summary>
internal sealed class CallAllowanceGrain(TimeProvider time) : Grain, ICallAllowanceGrain
{
    /// <summary>Request ids remembered (docs/limits.md): far more than one account's calls in a retry window.</summary>
    public const int RememberedRequests = 64;

    private static readonly TimeSpan LongestRefill = TimeSpan.FromHours(1);

    private readonly RecentRequests<bool> _recent = new(RememberedRequests);
    private TokenBucket? _bucket;

    public Task<bool> TryTake(Guid request, int burst, double perSecond)
    {
        if (_recent.TryGet(request, out bool answer))
        {
            return Task.FromResult(answer);
        }

        _bucket ??= new TokenBucket(time, burst, perSecond);
        bool taken = _recent.Remember(request, _bucket.TryTake());
        var refill = TimeSpan.FromSeconds(Math.Min(burst / Math.Max(perSecond, 1e-9), LongestRefill.TotalSeconds));
        this.DelayDeactivation(refill);
        return Task.FromResult(taken);
    }
}
