namespace Msnp.Server.Switchboard;

/// <summary>
/// Switchboard placement and creator cookies, addressed by value: which node opens a new session,
/// where a session lives, and the cookies <c>XFR SB</c> hands out. Cookies are random, single-use,
/// bound to one account and expire. The sessions themselves stay on the node that holds their
/// sockets (<see cref="SwitchboardRooms"/>). This node's implementation is <see cref="SwitchboardBroker"/>;
/// a cluster replaces it with one whose cookies any node can redeem.
/// </summary>
public interface ISwitchboardBroker
{
    /// <summary>How long a cookie stays valid after <c>XFR SB</c> or <c>RNG</c>.</summary>
    TimeSpan CookieLifetime { get; }

    /// <summary>Chooses the switchboard for a new session and issues a cookie that lets <paramref name="ticket"/>'s account open it with <c>USR</c>.</summary>
    ValueTask<SwitchboardGrant> IssueCreatorCookieAsync(SwitchboardTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>Redeems a creator cookie (single use); null when unknown, expired or issued to another account.</summary>
    ValueTask<SwitchboardTicket?> RedeemCreatorCookieAsync(string account, string cookie, CancellationToken cancellationToken = default);

    /// <summary>Drops every creator cookie of <paramref name="account"/> (removed, or its password changed).</summary>
    ValueTask RevokeCookiesOfAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Where a session held by this node is: this node's address and the session id.</summary>
    RoomLocation Locate(string roomId);
}
