namespace Msnp.Server.Connections.Transport;

/// <summary>Which socket transport the MSNP listeners use (<c>Msnp:Transport</c>).</summary>
public enum MsnpTransport
{
    /// <summary>
    /// Msnp's own listeners (<see cref="MsnpListeners"/>): zero-byte receives straight into the frame
    /// loop, no pipes, pump loops or per-connection bookkeeping of Kestrel, no buffer held while idle.
    /// </summary>
    Msnp,

    /// <summary>Kestrel's socket transport and connection management (two pipes and two pump loops per connection).</summary>
    Kestrel,
}
