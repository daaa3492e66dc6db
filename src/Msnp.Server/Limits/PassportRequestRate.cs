using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Passport requests (<c>login2.srf</c>, <c>RST.srf</c>) per remote address, IPv6 peers by /64:
/// <see cref="ServerLimits.PassportRequestBurst"/> at once, then
/// <see cref="ServerLimits.PassportRequestsPerMinute"/>. Loopback is exempt only while
/// <see cref="ServerLimits.ExemptLoopback"/> is on. A request over the rate is answered busy
/// before its password is read.
/// </summary>
public sealed class PassportRequestRate
{
    private readonly KeyedTokenBuckets _buckets;
    private readonly ServerLimits _limits;

    /// <summary>Creates the limiter.</summary>
    public PassportRequestRate(ServerLimits limits, TimeProvider time)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _buckets = new KeyedTokenBuckets(time, limits);
    }

    /// <summary>Takes one request from the address's allowance; false when it is used up.</summary>
    public bool TryRequest(IPAddress? address)
    {
        if (_limits.PassportRequestBurst <= 0 || PeerAddress.Key(address, _limits.ExemptLoopback) is not { } key)
        {
            return true;
        }

        if (_buckets.TryTake(key.ToString(), _limits.PassportRequestBurst, _limits.PassportRequestsPerMinute / 60))
        {
            return true;
        }

        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.PassportRateLimiter);
        return false;
    }
}
