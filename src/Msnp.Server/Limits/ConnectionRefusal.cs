namespace Msnp.Server.Limits;

/// <summary>Which connection limit refused a connection.</summary>
public enum ConnectionRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary><see cref="ServerLimits.MaxConnections"/>.</summary>
    Total,

    /// <summary><see cref="ServerLimits.MaxUnauthenticatedConnections"/>.</summary>
    Unauthenticated,

    /// <summary><see cref="ServerLimits.MaxHttpConnections"/>.</summary>
    Http,

    /// <summary><see cref="ServerLimits.MaxConnectionsPerAddress"/>.</summary>
    PerAddress,
}
