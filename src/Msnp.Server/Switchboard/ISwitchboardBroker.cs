using System.Diagnostics.CodeAnalysis;
using Msnp.Protocol.Dialects;

namespace Msnp.Server.Switchboard;

/// <summary>
/// Hands out switchboard cookies and finds sessions. Behind an interface so several nodes can
/// later share the cookie space; cookies are random, single-use, bound to one account and expire.
/// </summary>
public interface ISwitchboardBroker
{
    /// <summary>How long a cookie stays valid after <c>XFR SB</c> or <c>RNG</c>.</summary>
    TimeSpan CookieLifetime { get; }

    /// <summary>Issues a cookie that lets <paramref name="holder"/>'s account open a new session with <c>USR</c> while <paramref name="holder"/> stays signed in.</summary>
    string IssueCreatorCookie(Presence.IPresenceEndpoint holder, string friendlyName, MsnpDialect dialect);

    /// <summary>Drops every switchboard leg, invitation and creator cookie of <paramref name="account"/> (removed, or its password changed); the others get <c>BYE account 1</c>.</summary>
    void EndSessionsOf(string account);

    /// <summary>Redeems a creator cookie and opens a new session for its holder.</summary>
    bool TryOpenSession(string account, string cookie, [NotNullWhen(true)] out SwitchboardTicket? ticket, [NotNullWhen(true)] out SwitchboardRoom? room);

    /// <summary>Finds a session by id.</summary>
    bool TryGetRoom(string sessionId, [NotNullWhen(true)] out SwitchboardRoom? room);

    /// <summary>Forgets a session that nobody is in any more.</summary>
    void Remove(SwitchboardRoom room);
}
