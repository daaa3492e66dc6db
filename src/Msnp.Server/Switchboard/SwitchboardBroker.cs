using System.Collections.Concurrent;
using System.Security.Cryptography;
using Msnp.Server.Presence;

namespace Msnp.Server.Switchboard;

/// <summary>The in-process broker: every session opens on this node, and cookies live in this process.</summary>
public sealed class SwitchboardBroker : ISwitchboardBroker
{
    private readonly ConcurrentDictionary<string, SwitchboardTicket> _creatorCookies = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly LocalNode _node;

    /// <summary>Creates the broker.</summary>
    public SwitchboardBroker(TimeProvider time, TimeSpan cookieLifetime, LocalNode node)
    {
        _time = time;
        _node = node;
        CookieLifetime = cookieLifetime;
    }

    /// <inheritdoc/>
    public TimeSpan CookieLifetime { get; }

    /// <inheritdoc/>
    public ValueTask<SwitchboardGrant> IssueCreatorCookieAsync(SwitchboardTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        SweepExpired();
        var cookie = NewCookie();
        _creatorCookies[cookie] = ticket;
        return new(new SwitchboardGrant(_node.SwitchboardAddress, cookie));
    }

    /// <inheritdoc/>
    public ValueTask<SwitchboardTicket?> RedeemCreatorCookieAsync(string account, string cookie, CancellationToken cancellationToken = default)
    {
        if (!_creatorCookies.TryRemove(cookie, out var ticket) || ticket.Account != account || ticket.ExpiresAt <= _time.GetUtcNow())
        {
            return new((SwitchboardTicket?)null);
        }

        return new(ticket);
    }

    /// <inheritdoc/>
    public ValueTask RevokeCookiesOfAsync(string account, CancellationToken cancellationToken = default)
    {
        foreach (var (cookie, ticket) in _creatorCookies)
        {
            if (ticket.Account == account)
            {
                _creatorCookies.TryRemove(cookie, out _);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public RoomLocation Locate(string roomId) => new(_node.Id, _node.SwitchboardAddress, roomId);

    /// <summary>A cookie in the classic shape (<c>digits.digits.digits</c>) carrying about 93 random bits.</summary>
    internal static string NewCookie() =>
        FormattableString.Invariant($"{RandomNumberGenerator.GetInt32(int.MaxValue)}.{RandomNumberGenerator.GetInt32(int.MaxValue)}.{RandomNumberGenerator.GetInt32(int.MaxValue)}");

    // Unredeemed cookies would otherwise accumulate; sweeping on issue keeps the table bounded by the issue rate.
    private void SweepExpired()
    {
        if (_creatorCookies.Count < 256)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (key, value) in _creatorCookies)
        {
            if (value.ExpiresAt <= now)
            {
                _creatorCookies.TryRemove(key, out _);
            }
        }
    }
}
