using System.Net;
using Msnp.Server.Diagnostics;
using Msnp.Server.Limits;

namespace Msnp.Server.Soap;

/// <summary>
/// Web-service requests per remote address (IPv6 peers by /64), checked before the body is read,
/// and per account, checked once the ticket names it (so one account cannot spread its requests
/// over many tickets or addresses). Each is a token bucket per key
/// (<see cref="ServerLimits.SoapRequestBurst"/>/<see cref="ServerLimits.SoapRequestsPerMinute"/>,
/// <see cref="ServerLimits.SoapAccountRequestBurst"/>/<see cref="ServerLimits.SoapAccountRequestsPerMinute"/>)
/// in a table bounded by <see cref="ServerLimits.MaxTrackedKeys"/>. Requests from loopback are
/// exempt from both while <see cref="ServerLimits.ExemptLoopback"/> is on (the load tool and
/// local tests sign many accounts in from there).
/// </summary>
public sealed class SoapRequestRate
{
    private readonly KeyedTokenBuckets _addresses;
    private readonly KeyedTokenBuckets _accounts;
    private readonly ServerLimits _limits;

    /// <summary>Creates the limiter.</summary>
    public SoapRequestRate(ServerLimits limits, TimeProvider time)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        ArgumentNullException.ThrowIfNull(time);
        _addresses = new KeyedTokenBuckets(time, limits);
        _accounts = new KeyedTokenBuckets(time, limits);
    }

    /// <summary>How many addresses and accounts are tracked (bounded by <see cref="ServerLimits.MaxTrackedKeys"/> each).</summary>
    public int TrackedKeys => _addresses.Count + _accounts.Count;

    /// <summary>Takes one request from the address's allowance; false when it is used up.</summary>
    public bool TryAddress(IPAddress? address)
    {
        if (_limits.SoapRequestBurst <= 0 || PeerAddress.Key(address, _limits.ExemptLoopback) is not { } key)
        {
            return true;
        }

        return Refused(_addresses.TryTake(key.ToString(), _limits.SoapRequestBurst, _limits.SoapRequestsPerMinute / 60));
    }

    /// <summary>Takes one request from <paramref name="account"/>'s allowance; false when it is used up.</summary>
    public bool TryAccount(string account, IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_limits.SoapAccountRequestBurst <= 0 || (address is not null && PeerAddress.Key(address, _limits.ExemptLoopback) is null))
        {
            return true;
        }

        return Refused(_accounts.TryTake(account, _limits.SoapAccountRequestBurst, _limits.SoapAccountRequestsPerMinute / 60));
    }

    private static bool Refused(bool taken)
    {
        if (!taken)
        {
            ServerMetrics.LimiterRefusals.Add(1, ServerMetrics.SoapRateLimiter);
        }

        return taken;
    }
}
