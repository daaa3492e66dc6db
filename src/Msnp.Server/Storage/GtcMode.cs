namespace Msnp.Server.Storage;

/// <summary>The <c>GTC</c> setting; the member names are the wire tokens.</summary>
public enum GtcMode
{
    /// <summary><c>A</c>: the client asks its user when someone new appears on the RL (the default).</summary>
    A,

    /// <summary><c>N</c>: the client does not ask.</summary>
    N,
}
