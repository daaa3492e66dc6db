using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Passport;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// A real server with its HTTP and HTTPS listeners, real accounts, and a client for the web
/// services: tickets come from the server's own ticket service or from <c>RST.srf</c> over real
/// HTTPS (the certificate pinned from the data directory), so no sign-in at the NS is needed.
/// </summary>
internal sealed class SoapScene : IAsyncDisposable
{
    public const string Password = "pass word";
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Ab = "http://www.msn.com/webservices/AddressBook";

    private readonly HttpClient _http;

    private SoapScene(TestServer server)
    {
        Server = server;
        var pinned = PinnedCertificate.FromPemFile(Path.Combine(server.DataDirectory, CertificateProvider.PemFileName));
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // The TLS name is the Host header (a client sent here by a hosts-file entry names the real
            // service), so the name cannot match: trust exactly the server's certificate, as a user
            // who accepted it would.
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (sender, presented, chain, errors) =>
                    pinned.Validate(sender, presented, chain, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch),
            },
            ConnectCallback = async (context, cancellationToken) =>
            {
                // Every host name reaches this server, as a hosts-file entry would send a client here.
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestServer Server { get; }

    public IServiceProvider Services => Server.Host.Services;

    public int HttpPort => Server.Host.Endpoints.HttpPort;

    public int HttpsPort => Server.Host.Endpoints.HttpsPort;

    public static async Task<SoapScene> StartAsync(Action<IServiceCollection>? services = null, Action<Msnp.Server.Hosting.MsnpServerOptions>? configure = null) =>
        new(await TestServer.StartAsync(configure, services));

    public async Task CreateAccountAsync(string email, string name = "Name")
    {
        var result = await Services.GetRequiredService<IAccountStore>().CreateAsync(email, Password, name);
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>A ticket from the ticket service the server uses, over the account's current stamp.</summary>
    public Task<string> TicketAsync(string email) => SignIn.TicketAsync(Server, email);

    /// <summary>The <c>contacts.msn.com</c> ticket <c>RST.srf</c> answers over real HTTPS.</summary>
    public async Task<string> RstTicketAsync(string email, string address = "contacts.msn.com")
    {
        var body = RstEndpointTests.Envelope(email, Password, "http://Passport.NET/tb", "messengerclear.live.com", address);
        using var response = await _http.PostAsync($"https://localhost:{HttpsPort}/RST.srf", new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = xml.Descendants().Where(e => e.Name.LocalName == "RequestSecurityTokenResponse")
            .Single(r => r.Descendants().Any(e => e.Name.LocalName == "Address" && e.Value == address));
        return token.Descendants().First(e => e.Name.LocalName == "BinarySecurityToken" && e.Value.StartsWith("t=", StringComparison.Ordinal)).Value;
    }

    /// <summary>Posts raw bytes to a service and returns the status, the content type and the body.</summary>
    public async Task<SoapReply> PostAsync(string path, string? soapAction, byte[] body, bool https = true, string host = "contacts.msn.com", string? cookie = null)
    {
        // The certificate names localhost; the Host header names whatever host the client was configured with.
        var url = https ? $"https://localhost:{HttpsPort}{path}" : $"http://localhost:{HttpPort}{path}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Headers.Host = host;
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        if (soapAction is not null)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        using var response = await _http.SendAsync(request);
        return new SoapReply(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    public Task<SoapReply> PostAsync(string path, string? soapAction, string body, bool https = true, string host = "contacts.msn.com", string? cookie = null) =>
        PostAsync(path, soapAction, Encoding.UTF8.GetBytes(body), https, host, cookie);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>What a web service answered.</summary>
internal sealed record SoapReply(HttpStatusCode Status, string? ContentType, string Body)
{
    public XDocument Xml => XDocument.Parse(Body);

    public XElement? Fault => Xml.Descendants(SoapScene.Soap + "Fault").SingleOrDefault();

    public string? FaultCode => Fault?.Element("faultcode")?.Value;

    public string? ErrorCode => Fault?.Element("detail")?.Element(SoapScene.Ab + "errorcode")?.Value;

    public string? FaultString => Fault?.Element("faultstring")?.Value;

    /// <summary>The first body element.</summary>
    public XElement Response => Xml.Root!.Element(SoapScene.Soap + "Body")!.Elements().First();
}
