using System.Net;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// The address of an MSNP listener (dispatch, notification, switchboard): Kestrel binds it with
/// <see cref="SocketListenerFactory"/>, while the HTTP listeners' plain endpoints keep Kestrel's own transport.
/// </summary>
public sealed class MsnpTransportEndPoint(IPAddress address, int port) : IPEndPoint(address, port);

/// <summary>Which socket transport the MSNP listeners use (<c>Msnp:Transport</c>).</summary>
public enum MsnpTransport
{
    /// <summary>Msnp's own: zero-byte receives straight into the frame loop, no pipes or pump loops, no buffer held while idle.</summary>
    Msnp,

    /// <summary>Kestrel's socket transport (two pipes and two pump loops per connection).</summary>
    Kestrel,
}
