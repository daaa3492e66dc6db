namespace Msnp.Server.Switchboard;

/// <summary>
/// Hands out switchboard cookies. Behind an interface so several nodes can later share the
/// cookie space; cookies are random, single-use, bound to the account and expiring.
/// </summary>
public interface ISwitchboardBroker
{
    /// <summary>Issues a cookie that lets <paramref name="account"/> open a new session with <c>USR</c>.</summary>
    string IssueCreatorCookie(string account);

    /// <summary>Redeems a creator cookie for <paramref name="account"/>; false when unknown, used, expired or another account's.</summary>
    bool RedeemCreatorCookie(string account, string cookie);
}
