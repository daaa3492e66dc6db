using System.Net;

namespace Msnp.Server.Passport;

/// <summary>
/// Settings for the Passport nexus, login and token endpoints and their two listeners.
/// </summary>
public sealed record PassportOptions
{
    /// <summary>
    /// The host name or IP address clients use to reach us; written into <c>DALogin</c> and into the
    /// certificate's subject alternative names.
    /// </summary>
    public string PublicHost { get; init; } = "localhost";

    /// <summary>The address both listeners bind to.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Plain HTTP port (0 picks a free port; <see langword="null"/> opens no plain listener).</summary>
    public int? HttpPort { get; init; } = 8080;

    /// <summary>HTTPS port (0 picks a free port).</summary>
    public int HttpsPort { get; init; } = 8443;

    /// <summary>Where the ticket key and the certificate are created on first start and reused afterwards.</summary>
    public string DataDirectory { get; init; } = "msnp-data";

    /// <summary>How long an issued ticket stays valid.</summary>
    public TimeSpan TicketLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether the Passport endpoints also answer on plain HTTP. Off by default, so a password sent
    /// in the clear is refused before it is read; some XP-era clients are set up to log in without
    /// TLS and need it on.
    /// </summary>
    public bool AllowPlainHttpPassport { get; init; }

    /// <summary>Largest <c>RST.srf</c> request body accepted; real requests are a few KiB.</summary>
    public int MaxSoapRequestBytes { get; init; } = 64 * 1024;
}
