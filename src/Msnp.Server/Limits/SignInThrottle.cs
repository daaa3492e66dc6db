using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Slows password and ticket guessing: failed sign-ins (wrong MD5 hashes, bad tickets, wrong
/// Passport passwords) are counted per account and per remote address, and a locked account or
/// address is refused before its credentials are checked. Shared by the notification server,
/// Passport and the HTTP gateway.
/// </summary>
public sealed class SignInThrottle
{
    private readonly KeyedBackoff _accounts;
    private readonly KeyedBackoff _addresses;
    private readonly bool _exemptLoopback;

    /// <summary>Creates the throttle.</summary>
    public SignInThrottle(ServerLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _accounts = new KeyedBackoff(limits, time);
        _addresses = new KeyedBackoff(limits, time);
        _exemptLoopback = limits.ExemptLoopback;
    }

    /// <summary>True when the account or the address must wait: refuse without checking the credentials.</summary>
    public bool IsLocked(string account, IPAddress? address)
    {
        bool locked = _accounts.IsLocked(Normalize(account)) || (AddressKey(address) is { } key && _addresses.IsLocked(key));
        if (locked)
        {
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.SignInLimiter);
        }

        return locked;
    }

    /// <summary>Lifts an account's back-off at once (an operator's unlock); its failure count starts again.</summary>
    public void Unlock(string account) => _accounts.Forget(Normalize(account));

    /// <summary>Counts a failed sign-in.</summary>
    public void RecordFailure(string account, IPAddress? address)
    {
        _accounts.RecordFailure(Normalize(account));
        if (AddressKey(address) is { } key)
        {
            _addresses.RecordFailure(key);
        }
    }

    /// <summary>
    /// Clears the account's failures. The address keeps its count, so an attacker with one valid
    /// account cannot reset the count between guesses at others.
    /// </summary>
    public void RecordSuccess(string account) => _accounts.Forget(Normalize(account));

    internal int TrackedKeys => _accounts.Count + _addresses.Count;

    private static string Normalize(string account) => account.ToLowerInvariant();

    private string? AddressKey(IPAddress? address) => PeerAddress.Key(address, _exemptLoopback)?.ToString();
}
