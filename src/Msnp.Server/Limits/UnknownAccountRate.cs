namespace Msnp.Server.Limits;

/// <summary>
/// One server-wide budget for password checks of names that have no account. Such a check hashes
/// a decoy so that its timing matches a real account's, which makes made-up names the cheapest
/// way to burn the server's CPU from many addresses; past
/// <see cref="ServerLimits.UnknownAccountChecksPerSecond"/> a made-up name is refused as a wrong
/// password without hashing. Applies to every peer, loopback included.
/// </summary>
public sealed class UnknownAccountRate
{
    private readonly TokenBucket? _bucket;

    /// <summary>Creates the budget.</summary>
    public UnknownAccountRate(ServerLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.UnknownAccountChecksPerSecond > 0)
        {
            _bucket = new TokenBucket(time, limits.UnknownAccountCheckBurst, limits.UnknownAccountChecksPerSecond);
        }
    }

    /// <summary>Takes one check of a made-up name from the budget; false when it is used up.</summary>
    public bool TryCheck()
    {
        if (_bucket is null)
        {
            return true;
        }

        lock (_bucket)
        {
            if (_bucket.TryTake())
            {
                return true;
            }
        }

        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.PassportRateLimiter);
        return false;
    }
}
