namespace Msnp.Server.Admin;

/// <summary>
/// The operators' listener: web console, <c>msnp admin</c> API, health checks and the metrics
/// scrape endpoint (docs/operators.md). Bound from <c>Msnp:Admin</c>.
/// </summary>
public sealed class AdminOptions
{
    /// <summary>
    /// Run the admin listener. Unset means: on under <c>msnp serve</c> (unless <c>--no-admin</c>),
    /// off for a server embedded with <see cref="Hosting.MsnpServerHost"/> (tests, other hosts).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The address it binds to. Anything but a loopback address needs <see cref="UseTls"/>.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The port (0 picks a free one); <c>msnp serve --admin-port N</c>.</summary>
    public int Port { get; set; } = 8090;

    /// <summary>Serve HTTPS with the server's certificate (the Passport one); required off loopback.</summary>
    public bool UseTls { get; set; }

    /// <summary>Failed console sign-ins (per name and per address) before a lock-out.</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a lock-out lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a console sign-in lasts without use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An OTLP endpoint (e.g. <c>http://127.0.0.1:4317</c>) to push metrics to; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// The OTLP transport: <c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318; the
    /// endpoint is then the full URL, e.g. <c>http://127.0.0.1:4318/v1/metrics</c>).
    /// </summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed over OTLP.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Interval between samples of the overview's charts (an hour of samples is kept).</summary>
    public TimeSpan ChartInterval { get; set; } = TimeSpan.FromSeconds(10);
}
