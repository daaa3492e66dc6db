using System.Net;
using System.Net.Sockets;

namespace Msnp.Server.Passport;

/// <summary>
/// The URLs we hand out: the nexus's <c>PassportURLs</c> header and the login failure's
/// co-branding URL, all pointing at our public host and actual HTTPS port.
/// </summary>
public sealed class PassportUrls(PassportOptions options, PassportListeners? listeners = null)
{
    /// <summary>Bumped whenever the set of URLs changes shape, so clients drop cached copies.</summary>
    public const int ConfigVersion = 1;

    /// <summary><c>host[:port]</c> of the HTTPS listener as clients see it (no scheme).</summary>
    public string Authority
    {
        get
        {
            var host = options.PublicHost.Trim();
            if (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                host = $"[{ip}]";
            }

            var port = listeners?.HttpsPort ?? options.HttpsPort;
            return port == 443 ? host : $"{host}:{port}";
        }
    }

    /// <summary>The login URL without scheme, as <c>DALogin</c> must be written.</summary>
    public string DaLogin => $"{Authority}/login2.srf";

    /// <summary>The <c>PassportURLs</c> header value.</summary>
    public string NexusHeader
    {
        get
        {
            var site = $"https://{Authority}";
            return $"DARealm=Passport.Net,DALogin={DaLogin},DAReg={site}/register,Properties={site}/profile,"
                + $"Privacy={site}/privacy,GeneralRedir={site}/rdr/pprdr.asp,Help={site}/help,ConfigVersion={ConfigVersion}";
        }
    }

    /// <summary>Where a failed login's <c>cburl</c> points.</summary>
    public string CoBrandingUrl => $"https://{Authority}/";
}
