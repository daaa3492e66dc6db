using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Slows password and ticket guessing: failed sign-ins (wrong MD5 hashes, bad tickets, wrong
/// Passport passwords) are counted per account and per remote address, and a locked account or
/// address is refused before its credentials are checked. Each attempt is reserved before the
/// check (<see cref="TryBegin"/>), so attempts in flight count against the lock. Shared by the
/// notification server, Passport and the HTTP gateway.
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
        _accounts = new KeyedBackoff(limits, time, parallelWhileClean: false);
        _addresses = new KeyedBackoff(limits, time, parallelWhileClean: true);
        _exemptLoopback = limits.ExemptLoopback;
    }

    /// <summary>True when the account or the address is locked now (attempts in flight aside).</summary>
    public bool IsLocked(string account, IPAddress? address) =>
        _accounts.IsLocked(Normalize(account)) || (AddressKey(address) is { } key && _addresses.IsLocked(key));

    /// <summary>Lifts an account's back-off at once (an operator's unlock); its failure count starts again.</summary>
    public void Unlock(string account) => _accounts.Forget(Normalize(account));

    /// <summary>
    /// Reserves an attempt for the account from the address, before its credentials are checked;
    /// <see langword="null"/> means refuse without checking (locked, too many attempts in flight,
    /// or the tracking table is full). Report the outcome on the attempt; disposing it without an
    /// outcome releases the reservation.
    /// </summary>
    public SignInAttempt? TryBegin(string account, IPAddress? address)
    {
        var accountKey = Normalize(account);
        if (!_accounts.TryReserve(accountKey))
        {
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.SignInLimiter);
            return null;
        }

        var addressKey = AddressKey(address);
        if (addressKey is not null && !_addresses.TryReserve(addressKey))
        {
            _accounts.Complete(accountKey, failed: false);
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.SignInLimiter);
            return null;
        }

        return new SignInAttempt(this, accountKey, addressKey);
    }

    internal int TrackedKeys => _accounts.Count + _addresses.Count;

    internal void End(string accountKey, string? addressKey, bool? succeeded)
    {
        bool failed = succeeded == false;
        if (succeeded == true)
        {
            // The address keeps its count, so one valid account cannot reset an address guessing at others.
            _accounts.Forget(accountKey);
        }

        _accounts.Complete(accountKey, failed);
        if (addressKey is not null)
        {
            _addresses.Complete(addressKey, failed);
        }
    }

    private static string Normalize(string account) => account.ToLowerInvariant();

    private string? AddressKey(IPAddress? address) => PeerAddress.Key(address, _exemptLoopback)?.ToString();
}
