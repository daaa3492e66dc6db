using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Limits;

namespace Msnp.Server.Passport;

/// <summary>
/// The plain and TLS listeners Passport is served on, and the ports they actually bound (which
/// differ from the options when 0 asked for a free port). <c>DALogin</c> is built from these.
/// </summary>
public sealed class PassportListeners
{
    private readonly PassportOptions _options;
    private ListenOptions? _http;
    private ListenOptions? _https;

    /// <summary>Creates the listener set; <see cref="Configure"/> adds them to Kestrel.</summary>
    public PassportListeners(PassportOptions options, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        _options = options;
        Certificate = certificate;
    }

    /// <summary>The certificate the TLS listener presents.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The plain HTTP port, once bound (null when no plain listener is configured).</summary>
    public int? HttpPort => _http is null ? _options.HttpPort : BoundPort(_http, _options.HttpPort ?? 0);

    /// <summary>The HTTPS port, once bound.</summary>
    public int HttpsPort => _https is null ? _options.HttpsPort : BoundPort(_https, _options.HttpsPort);

    /// <summary>
    /// Adds the HTTP (optional) and HTTPS listeners, both HTTP/1.x only and both tolerant of a
    /// version-less first request line.
    /// </summary>
    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);

        // Old clients send absolute-form targets (GET https://login.passport.com/login2.srf) with a Host
        // header naming the real service; let the target win instead of failing with 400.
        kestrel.AllowHostHeaderOverride = true;

        // The server's shared connection limiter, when there is one, counts these connections too.
        var limiter = kestrel.ApplicationServices?.GetService<ConnectionLimiter>();
        if (_options.HttpPort is int httpPort)
        {
            kestrel.Listen(_options.BindAddress, httpPort, listen =>
            {
                if (limiter is not null)
                {
                    listen.UseConnectionLimiter(limiter);
                }

                listen.Protocols = HttpProtocols.Http1;
                listen.UseLenientRequestLine();
                _http = listen;
            });
        }

        kestrel.Listen(_options.BindAddress, _options.HttpsPort, listen =>
        {
            if (limiter is not null)
            {
                listen.UseConnectionLimiter(limiter); // before UseHttps: a refused peer gets no handshake
            }

            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(Certificate);
            listen.UseLenientRequestLine(); // after UseHttps: runs inside TLS, on decrypted bytes
            _https = listen;
        });
    }

    // Kestrel replaces a port-0 endpoint with the bound one once listening.
    private static int BoundPort(ListenOptions listen, int configured) =>
        listen.EndPoint is IPEndPoint ip ? ip.Port : configured;
}
