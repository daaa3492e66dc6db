using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Msnp.Protocol.Dialects;

namespace Msnp.Server.Switchboard;

/// <summary>The in-process cookie issuer and session directory.</summary>
public sealed class SwitchboardBroker : ISwitchboardBroker
{
    private readonly ConcurrentDictionary<string, SwitchboardTicket> _creatorCookies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SwitchboardRoom> _rooms = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the broker.</summary>
    public SwitchboardBroker(TimeProvider time, TimeSpan cookieLifetime)
    {
        _time = time;
        CookieLifetime = cookieLifetime;
    }

    /// <inheritdoc/>
    public TimeSpan CookieLifetime { get; }

    /// <summary>Sessions currently open.</summary>
    public int RoomCount => _rooms.Count;

    /// <inheritdoc/>
    public string IssueCreatorCookie(Presence.IPresenceEndpoint holder, string friendlyName, MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(holder);
        SweepExpired();
        var cookie = NewCookie();
        _creatorCookies[cookie] = new SwitchboardTicket(holder.Account, friendlyName, dialect, _time.GetUtcNow() + CookieLifetime, holder);
        return cookie;
    }

    /// <inheritdoc/>
    public void EndSessionsOf(string account)
    {
        foreach (var (cookie, ticket) in _creatorCookies)
        {
            if (ticket.Account == account)
            {
                _creatorCookies.TryRemove(cookie, out _);
            }
        }

        foreach (var room in _rooms.Values)
        {
            room.Expel(account);
        }
    }

    /// <inheritdoc/>
    public bool TryOpenSession(string account, string cookie, [NotNullWhen(true)] out SwitchboardTicket? ticket, [NotNullWhen(true)] out SwitchboardRoom? room)
    {
        room = null;
        if (!_creatorCookies.TryRemove(cookie, out ticket) || ticket.Account != account || ticket.ExpiresAt <= _time.GetUtcNow())
        {
            ticket = null;
            return false;
        }

        do
        {
            room = new SwitchboardRoom(NewSessionId(), this, _time);
        }
        while (!_rooms.TryAdd(room.Id, room));
        Diagnostics.ServerMetrics.Switchboards.Add(1);

        return true;
    }

    /// <inheritdoc/>
    public bool TryGetRoom(string sessionId, [NotNullWhen(true)] out SwitchboardRoom? room) => _rooms.TryGetValue(sessionId, out room);

    /// <inheritdoc/>
    public void Remove(SwitchboardRoom room)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (_rooms.TryRemove(new KeyValuePair<string, SwitchboardRoom>(room.Id, room)))
        {
            Diagnostics.ServerMetrics.Switchboards.Add(-1);
        }
    }

    /// <summary>A cookie in the classic shape (<c>digits.digits.digits</c>) carrying about 93 random bits.</summary>
    internal static string NewCookie() =>
        FormattableString.Invariant($"{RandomNumberGenerator.GetInt32(int.MaxValue)}.{RandomNumberGenerator.GetInt32(int.MaxValue)}.{RandomNumberGenerator.GetInt32(int.MaxValue)}");

    private static string NewSessionId() => RandomNumberGenerator.GetInt32(10_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

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
