namespace Msnp.Server.Limits;

/// <summary>Which class of the connection limits a connection counts in, besides the total and its address.</summary>
public enum ConnectionClass
{
    /// <summary>A dispatch, notification or switchboard connection, or a gateway session: not signed in until it says so.</summary>
    Msnp,

    /// <summary>An HTTP or HTTPS connection (Passport, gateway requests).</summary>
    Http,
}
