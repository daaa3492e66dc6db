using System.Net.Security;

namespace Msnp.Load.Net;

/// <summary>
/// The HTTP client every load worker uses for the server's web endpoints: one kept-alive
/// connection, as WinInet and Messenger did, to a loopback address only (like every other load
/// target). The server's certificate is its own self-signed one, so it is not validated.
/// </summary>
internal static class LoopbackHttps
{
    public static HttpClient Create(Uri address, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsLoopback)
        {
            throw new ArgumentException($"msnp load only targets loopback addresses, not {address.Host}.", parameterName);
        }

        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
