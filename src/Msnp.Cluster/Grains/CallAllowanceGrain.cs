using Msnp.Server.Limits;

namespace Msnp.Cluster.Grains;

/// <summary>
/// One account's <c>CAL</c> token bucket (the single node's <see cref="TokenBucket"/>), kept until
/// it has refilled, then released: a full bucket is the same as none.
/// </summary>
internal sealed class CallAllowanceGrain(TimeProvider time) : Grain, ICallAllowanceGrain
{
    private static readonly TimeSpan LongestRefill = TimeSpan.FromHours(1);

    private TokenBucket? _bucket;

    public Task<bool> TryTake(int burst, double perSecond)
    {
        _bucket ??= new TokenBucket(time, burst, perSecond);
        bool taken = _bucket.TryTake();
        var refill = TimeSpan.FromSeconds(Math.Min(burst / Math.Max(perSecond, 1e-9), LongestRefill.TotalSeconds));
        this.DelayDeactivation(refill);
        return Task.FromResult(taken);
    }
}
