using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Slows password and ticket guessing: failed sign-ins (wrong MD5 hashes, bad tickets, wrong
/// Passport passwords) are counted per account and per remote address, and a locked account or
/// address is refused before its credentials are checked. Each attempt is reserved before the
/// check (<see cref="TryBeginAsync"/>), so attempts in flight count against the lock. Shared by the
/// notification server, Passport and the HTTP gateway.
/// </summary>
public sealed class SignInThrottle
{
    private readonly IBackoffTable _accounts;
    private readonly IBackoffTable _addresses;
    private readonly bool _exemptLoopback;

    /// <summary>Creates the throttle, counting on this node.</summary>
    public SignInThrottle(ServerLimits limits, TimeProvider time)
        : this(limits, Local(limits, time, parallelWhileClean: false), Local(limits, time, parallelWhileClean: true))
    {
    }

    /// <summary>Creates the throttle over counts kept elsewhere (a cluster's, one count per key for every node).</summary>
    internal SignInThrottle(ServerLimits limits, IBackoffTable accounts, IBackoffTable addresses)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _accounts = accounts;
        _addresses = addresses;
        _exemptLoopback = limits.ExemptLoopback;
    }

    /// <summary>True when the account or the address is locked now (attempts in flight aside).</summary>
    public async ValueTask<bool> IsLockedAsync(string account, IPAddress? address) =>
        await _accounts.IsLockedAsync(Normalize(account)).ConfigureAwait(false)
        || (AddressKey(address) is { } key && await _addresses.IsLockedAsync(key).ConfigureAwait(false));

    /// <summary>Lifts an account's back-off at once (an operator's unlock); its failure count starts again.</summary>
    public ValueTask UnlockAsync(string account) => _accounts.ForgetAsync(Normalize(account));

    /// <summary>
    /// Reserves an attempt for the account from the address, before its credentials are checked;
    /// <see langword="null"/> means refuse without checking (locked, too many attempts in flight,
    /// or the tracking table is full). Report the outcome on the attempt; disposing it without an
    /// outcome releases the reservation.
    /// </summary>
    public async ValueTask<SignInAttempt?> TryBeginAsync(string account, IPAddress? address)
    {
        var accountKey = Normalize(account);
        if (!await _accounts.TryReserveAsync(accountKey).ConfigureAwait(false))
        {
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.SignInLimiter);
            return null;
        }

        var addressKey = AddressKey(address);
        if (addressKey is not null && !await _addresses.TryReserveAsync(addressKey).ConfigureAwait(false))
        {
            await _accounts.CompleteAsync(accountKey, failed: false).ConfigureAwait(false);
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.SignInLimiter);
            return null;
        }

        return new SignInAttempt(this, accountKey, addressKey);
    }

    internal int TrackedKeys => ((_accounts as KeyedBackoff)?.Count ?? 0) + ((_addresses as KeyedBackoff)?.Count ?? 0);

    internal async ValueTask EndAsync(string accountKey, string? addressKey, bool? succeeded)
    {
        bool failed = succeeded == false;
        if (succeeded == true)
        {
            // The address keeps its count, so one valid account cannot reset an address guessing at others.
            await _accounts.ForgetAsync(accountKey).ConfigureAwait(false);
        }

        await _accounts.CompleteAsync(accountKey, failed).ConfigureAwait(false);
        if (addressKey is not null)
        {
            await _addresses.CompleteAsync(addressKey, failed).ConfigureAwait(false);
        }
    }

    private static KeyedBackoff Local(ServerLimits limits, TimeProvider time, bool parallelWhileClean)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new KeyedBackoff(limits, time, parallelWhileClean);
    }

    private static string Normalize(string account) => account.ToLowerInvariant();

    private string? AddressKey(IPAddress? address) => PeerAddress.Key(address, _exemptLoopback)?.ToString();
}
