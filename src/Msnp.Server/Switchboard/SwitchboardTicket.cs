using Msnp.Server.Presence;

namespace Msnp.Server.Switchboard;

/// <summary>
/// Who a switchboard cookie admits: the account, its friendly name and the protocol version of
/// its notification session, and that session's endpoint (<paramref name="Holder"/>). The cookie
/// is good only while that endpoint is still one of the account's signed-in endpoints, so a
/// sign-out, a removal or a password change (which sign the session out) also ends every cookie it
/// obtained. Plain values, so a cookie issued on one node can be redeemed on another.
/// </summary>
public sealed record SwitchboardTicket(string Account, string FriendlyName, int DialectVersion, DateTimeOffset ExpiresAt, EndpointAddress Holder)
{
    /// <summary>
    /// True while <see cref="Holder"/> is one of <paramref name="presence"/>'s endpoints and, when
    /// it is on this node, has not been signed out (it leaves <see cref="LocalEndpoints"/> at once).
    /// </summary>
    public bool IsHolderSignedIn(AccountPresence? presence, PresenceServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return presence is not null
            && presence.Contains(Holder.EndpointId)
            && (Holder.NodeId != services.Node.Id || services.Local.Contains(Holder.EndpointId));
    }
}
