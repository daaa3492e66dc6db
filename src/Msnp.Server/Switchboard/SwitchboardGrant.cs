namespace Msnp.Server.Switchboard;

/// <summary>The answer to <c>XFR SB</c>: the switchboard to open a session on, and the cookie that admits the holder.</summary>
/// <param name="Address">The <c>host:port</c> of the chosen node's switchboard.</param>
/// <param name="Cookie">The single-use creator cookie.</param>
public sealed record SwitchboardGrant(string Address, string Cookie);
