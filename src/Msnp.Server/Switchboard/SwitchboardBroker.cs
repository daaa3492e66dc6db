using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Msnp.Server.Switchboard;

/// <summary>The in-process cookie issuer.</summary>
public sealed class SwitchboardBroker : ISwitchboardBroker
{
    private readonly ConcurrentDictionary<string, (string Account, DateTimeOffset Expires)> _creatorCookies = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the broker.</summary>
    public SwitchboardBroker(TimeProvider time) => _time = time;

    /// <summary>How long a cookie stays valid; clients may take two minutes or more to connect (catalogue §8).</summary>
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public string IssueCreatorCookie(string account)
    {
        Sweep();
        var cookie = NewCookie();
        _creatorCookies[cookie] = (account, _time.GetUtcNow() + CookieLifetime);
        return cookie;
    }

    /// <inheritdoc/>
    public bool RedeemCreatorCookie(string account, string cookie) =>
        _creatorCookies.TryRemove(cookie, out var entry) && entry.Account == account && entry.Expires > _time.GetUtcNow();

    /// <summary>A cookie in the classic shape (<c>digits.digits.digits</c>) carrying 96 random bits.</summary>
    internal static string NewCookie() =>
        FormattableString.Invariant($"{RandomNumberGenerator.GetInt32(int.MaxValue)}.{RandomNumberGenerator.GetInt32(int.MaxValue)}.{RandomNumberGenerator.GetInt32(int.MaxValue)}");

    private void Sweep()
    {
        if (_creatorCookies.Count < 1024)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (key, value) in _creatorCookies)
        {
            if (value.Expires <= now)
            {
                _creatorCookies.TryRemove(key, out _);
            }
        }
    }
}
