using System.Net;
using Msnp.Server.Gateway;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Hosting;

/// <summary>
/// Server settings, bound from <c>appsettings.json</c> section <c>Msnp</c>, <c>MSNP_</c> environment
/// variables and command-line switches.
/// </summary>
public sealed class MsnpServerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Msnp";

    /// <summary>Where the database, keys and certificate live.</summary>
    public string DataDirectory { get; set; } = "msnp-data";

    /// <summary>The address every listener binds to.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The host name or address written into <c>XFR</c>/<c>RNG</c> replies and Passport URLs; defaults to the bind address.</summary>
    public string? PublicHost { get; set; }

    /// <summary>Dispatch server port (0 picks a free port).</summary>
    public int DispatchPort { get; set; } = 1863;

    /// <summary>Notification server port.</summary>
    public int NotificationPort { get; set; } = 1864;

    /// <summary>Switchboard server port.</summary>
    public int SwitchboardPort { get; set; } = 1865;

    /// <summary>Plain HTTP port (Passport for clients configured that way, gateway, health).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>HTTPS port (Passport).</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>
    /// Puts the dispatch, notification, switchboard, HTTP and HTTPS listeners on ports the system
    /// picks (0), as in-process servers of tests and the load tool do; the bound ports are in the
    /// host's endpoints once it started. The admin port is left as it is.
    /// </summary>
    public void UseFreePorts()
    {
        DispatchPort = 0;
        NotificationPort = 0;
        SwitchboardPort = 0;
        HttpPort = 0;
        HttpsPort = 0;
    }

    /// <summary>Unsent bytes a connection may hold before it is dropped as a stalled receiver.</summary>
    public int OutputLimitBytes { get; set; } = 256 * 1024;

    /// <summary>Time a notification connection has to finish signing in.</summary>
    public TimeSpan SignInTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time a switchboard connection has to send <c>USR</c> or <c>ANS</c> (catalogue §8: about a minute).</summary>
    public TimeSpan SwitchboardAuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A switchboard participant that sends nothing for this long is dropped (<c>BYE account 1</c> to the others).</summary>
    public TimeSpan SwitchboardIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a switchboard cookie from <c>XFR SB</c> or <c>RNG</c> stays valid; clients may take two minutes or more to connect (catalogue §8).</summary>
    public TimeSpan SwitchboardCookieLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the server reads the account change log, written by <c>msnp user passwd</c> and
    /// <c>msnp user remove</c> in any process: the account's sessions end (bare <c>OUT</c>) and its
    /// switchboard legs are dropped within about this long.
    /// </summary>
    public TimeSpan AccountChangePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a switchboard sender waits for a receiver whose output is above half of
    /// <see cref="OutputLimitBytes"/> to drain before that receiver is dropped as stalled.
    /// </summary>
    public TimeSpan StalledReceiverTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most participants (joined plus invited) in one switchboard session.</summary>
    public int MaxSwitchboardParticipants { get; set; } = 64;

    /// <summary>How long a Passport ticket stays valid.</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Serve the Passport endpoints on the plain HTTP port too. Off by default so passwords never
    /// travel in the clear; Windows XP-era clients that cannot speak a TLS version the host still
    /// accepts need it on (<c>msnp serve --allow-plain-http-passport</c>).
    /// </summary>
    public bool AllowPlainHttpPassport { get; set; }

    /// <summary>Passport compatibility switches (section <c>Msnp:Passport</c>, docs/authentication.md).</summary>
    public PassportCompatibility Passport { get; set; } = new();

    /// <summary>
    /// What <c>CAL</c> answers when the callee is online but does not allow the caller (AL/BL/BLP).
    /// The original service answered 216, which tells the caller the user is online although
    /// presence hides it; the default answers 217, the same as for an offline user.
    /// </summary>
    public BlockedCallAnswer BlockedCallAnswer { get; set; } = BlockedCallAnswer.NotOnline;

    /// <summary>Connection, sign-in, call and command-rate limits (docs/limits.md).</summary>
    public ServerLimits Limits { get; set; } = new();

    /// <summary>The storage service's limits (display pictures).</summary>
    public Msnp.Server.StorageService.StorageServiceOptions StorageService { get; set; } = new();

    /// <summary>The HTTP gateway's limits and idle timeout (docs/gateway.md).</summary>
    public GatewayOptions Gateway { get; set; } = new();

    /// <summary>Deadlines for slow HTTP clients on the Passport and gateway ports (docs/limits.md).</summary>
    public HttpLimits Http { get; set; } = new();

    /// <summary>
    /// The socket transport of the MSNP listeners: Msnp's own (default; a few hundred bytes per idle
    /// connection) or Kestrel's (two pipes and two pump loops per connection). The HTTP listeners always use Kestrel's.
    /// </summary>
    public Connections.Transport.MsnpTransport Transport { get; set; } = Connections.Transport.MsnpTransport.Msnp;

    /// <summary>Storage limits and password work factor; its data directory follows <see cref="DataDirectory"/>.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Running as one node of a cluster of nodes sharing the PostgreSQL store (docs/cluster.md); off by default.</summary>
    public ClusterSettings Cluster { get; set; } = new();

    /// <summary>The operators' listener: web console, admin API, health and metrics (docs/operators.md).</summary>
    public Admin.AdminOptions Admin { get; set; } = new();

    /// <summary>The Passport settings derived from these options.</summary>
    public PassportOptions ToPassportOptions() => new()
    {
        PublicHost = EffectivePublicHost,
        BindAddress = IPAddress.Parse(BindAddress),
        HttpPort = HttpPort,
        HttpsPort = HttpsPort,
        DataDirectory = DataDirectory,
        TicketLifetime = TicketLifetime,
        AllowPlainHttpPassport = AllowPlainHttpPassport,
    };

    /// <summary>The host written into replies.</summary>
    public string EffectivePublicHost => string.IsNullOrWhiteSpace(PublicHost) ? BindAddress : PublicHost!;
}
