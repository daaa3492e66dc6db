using Msnp.Protocol.Dialects;

namespace Msnp.Server.Switchboard;

/// <summary>
/// Who a switchboard cookie admits: the account, its friendly name and the dialect of its
/// notification session, and that session itself (<paramref name="Holder"/>). The cookie is good
/// only while that session is still the account's signed-in one, so a sign-out, a removal or a
/// password change (which sign the session out) also ends every cookie it obtained.
/// </summary>
public sealed record SwitchboardTicket(string Account, string FriendlyName, MsnpDialect Dialect, DateTimeOffset ExpiresAt, Presence.IPresenceEndpoint Holder)
{
    /// <summary>True while <see cref="Holder"/> is signed in and still the account's session in <paramref name="presence"/>.</summary>
    public bool IsHolderSignedIn(Presence.IPresenceHub presence) =>
        !Holder.HasSignedOut && ReferenceEquals(presence.Find(Account), Holder);
}
