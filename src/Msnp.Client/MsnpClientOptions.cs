using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Msnp.Client.Contacts;
using Msnp.Protocol.Dialects;

namespace Msnp.Client;

/// <summary>Where and how an <see cref="MsnpClient"/> signs in.</summary>
public sealed record MsnpClientOptions
{
    /// <summary>Host name or address of the dispatch or notification server.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port of the dispatch or notification server.</summary>
    public int Port { get; init; } = 1863;

    /// <summary>The Passport account (e-mail address) to sign in as.</summary>
    public required string Account { get; init; }

    /// <summary>The account's password; sent only as an MD5 digest (MSNP2–7) or to Passport over HTTPS (MSNP8–9).</summary>
    public required string Password { get; init; }

    /// <summary>The protocol version to speak; MSNP8 is what most servers and clients settled on.</summary>
    public MsnpDialect Dialect { get; init; } = MsnpDialect.Msnp8;

    /// <summary>
    /// The Passport nexus; when null, the one the server advertises in its TWN challenge (an Msnp
    /// server does; used only when it is HTTPS on <see cref="Host"/>), else <c>https://{Host}:{HttpsPort}/rdr/pprdr.asp</c>.
    /// </summary>
    public Uri? NexusUrl { get; init; }

    /// <summary>Which Passport flow MSNP8–9 sign-in uses to get a ticket; the nexus flow is what MSNP8-era clients did.</summary>
    public PassportFlow PassportFlow { get; init; } = PassportFlow.Nexus;

    /// <summary>
    /// The SOAP token service for <see cref="PassportFlow.TokenService"/> (MSNP8–12) and for SSO sign-in
    /// (MSNP15+); when null, <c>/RST.srf</c> beside the advertised nexus (MSNP8–12) or beside
    /// <see cref="NexusUrl"/> (MSNP15+, whose challenge advertises none), else <c>https://{Host}:{HttpsPort}/RST.srf</c>.
    /// </summary>
    public Uri? TokenServiceUrl { get; init; }

    /// <summary>
    /// Where the address book and sharing services are (MSNP13+; the paths <c>abservice/…</c> are added);
    /// null finds them at the token service's host and port, as our server serves them.
    /// </summary>
    public Uri? AddressBookUrl { get; init; }

    /// <summary>The machine GUID sent with <c>USR … SSO S</c> from MSNP16; null picks a random one per client.</summary>
    public Guid? MachineGuid { get; init; }

    /// <summary>Where <see cref="MsnpClient.SyncAsync(CancellationToken)"/> keeps the contact list between sessions; null keeps nothing.</summary>
    public IContactListCache? ContactListCache { get; init; }

    /// <summary>HTTPS port used to build the default <see cref="NexusUrl"/> and <see cref="TokenServiceUrl"/>.</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>A certificate to trust for Passport HTTPS in addition to the system store, e.g. a server's self-signed <c>passport.crt</c>.</summary>
    public X509Certificate2? TrustedCertificate { get; init; }

    /// <summary>A PEM file holding the certificate to trust; used when <see cref="TrustedCertificate"/> is null.</summary>
    public string? TrustedCertificatePath { get; init; }

    /// <summary>Skips every TLS certificate check. Only for testing: anyone on the path can read the password.</summary>
    public bool AcceptUntrustedCertificates { get; init; }

    /// <summary>How long every request waits for its reply.</summary>
    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a <c>PNG</c> keeps an idle notification connection open; servers drop silent ones.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>How many <c>XFR NS</c> redirects sign-in follows before giving up, so two servers cannot bounce it forever.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// The HTTP gateway (<c>http://host:port/gateway/gateway.dll</c>) to use instead of TCP, for the
    /// notification and switchboard connections alike; null connects over TCP.
    /// </summary>
    public Uri? GatewayUrl { get; init; }

    /// <summary>How often an idle gateway session polls; the official client used 2 s.</summary>
    public TimeSpan GatewayPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The <c>CVR</c> client description (locale through client name) sent by MSNP8–9; servers only use it for version advice.</summary>
    public IReadOnlyList<string> ClientVersion { get; init; } = ["0x0409", "win", "4.10", "i386", "MSNMSGR", "5.0.0544", "MSMSGS"];

    /// <summary>The user's display picture: its MSNObject goes into <c>CHG</c> (MSNP9+) and conversations serve it over P2P.</summary>
    public P2P.DisplayPicture? DisplayPicture { get; init; }

    /// <summary>The client id sent with <c>CHG</c> when the caller passes none (MSNP8+); <see cref="P2P.ContactCapabilities.P2PClientId"/> announces MSNC P2P.</summary>
    public uint ClientId { get; init; }

    /// <summary>Where the client logs connection ends, dropped commands and failing event handlers; nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// How many received commands may wait for the dispatcher (which raises the events) per connection.
    /// A slow event handler cannot make the client buffer without bound.
    /// </summary>
    public int InboundQueueCapacity { get; init; } = 1024;

    /// <summary>
    /// What happens when the inbound queue is full: <see cref="BoundedChannelFullMode.Wait"/> (the default)
    /// stops reading the socket until the dispatcher catches up; the drop modes discard a command and
    /// raise <see cref="MsnpClient.InboundCommandDropped"/>.
    /// </summary>
    public BoundedChannelFullMode InboundQueueFullMode { get; init; } = BoundedChannelFullMode.Wait;

    /// <summary>Signs in again after a dropped connection, by this policy; null (the default) leaves that to the application.</summary>
    public Reconnection.ReconnectPolicy? Reconnect { get; init; }
}
