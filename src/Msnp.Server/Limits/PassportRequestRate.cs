using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Passport requests (<c>login2.srf</c>, <c>RST.srf</c>) per remote address, IPv6 peers by /64:
/// <see cref="ServerLimits.PassportRequestBurst"/> at once, then
/// <see cref="ServerLimits.PassportRequestsPerMinute"/>. Loopback is exempt only while
/// <see cref="ServerLimits.ExemptLoopback"/> is on. A request over the rate is answered busy
/// before its password is read.
/// </summary>
public sealed class PassportRequestRate : KeyedRate
{
    /// <summary>Creates the limiter.</summary>
    public PassportRequestRate(ServerLimits limits, TimeProvider time)
        : base(limits, time, Diagnostics.ServerMetrics.PassportRateLimiter)
    {
    }

    /// <summary>Takes one request from the address's allowance; false when it is used up.</summary>
    public bool TryRequest(IPAddress? address) =>
        Limits.PassportRequestBurst <= 0
        || PeerAddress.Key(address, Limits.ExemptLoopback) is not { } key
        || TryTake(key.ToString(), Limits.PassportRequestBurst, Limits.PassportRequestsPerMinute);
}
