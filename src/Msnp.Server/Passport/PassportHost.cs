using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Msnp.Server.Passport;

/// <summary>
/// Wires Passport into a web host: the certificate, the two Kestrel listeners and the
/// <see cref="PassportListeners"/> service the endpoints read their ports from.
/// </summary>
public static class PassportHost
{
    /// <summary>
    /// Loads (or on first start creates) the certificate in the data directory and adds the Passport
    /// listeners to Kestrel. Pair with <see cref="PassportEndpoints.AddPassport"/> and
    /// <see cref="PassportEndpoints.MapPassport"/>.
    /// </summary>
    public static PassportListeners UsePassportListeners(this IWebHostBuilder webHost, PassportOptions options)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        ArgumentNullException.ThrowIfNull(options);
        var certificate = CertificateProvider.LoadOrCreate(options.DataDirectory, options.PublicHost);
        var listeners = new PassportListeners(options, certificate);
        webHost.ConfigureServices(services => services.AddSingleton(listeners));
        webHost.ConfigureKestrel(listeners.Configure);
        return listeners;
    }
}
