namespace Msnp.Server.Gateway;

/// <summary>The <c>Server=</c> value of <c>Action=open</c>: which server role the session talks to.</summary>
public enum GatewayServer
{
    /// <summary><c>NS</c>: a notification session (the gateway never redirects with <c>XFR NS</c>).</summary>
    Notification,

    /// <summary><c>SB</c>: a switchboard session, opened after <c>XFR SB</c> or <c>RNG</c>.</summary>
    Switchboard,
}
