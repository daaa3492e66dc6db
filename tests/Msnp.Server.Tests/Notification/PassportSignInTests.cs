using System.Net;
using System.Net.Security;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// TWN end to end (catalogue §5.3): the client gets its ticket from the server's own Passport over
/// HTTPS, trusting only the certificate the server generated, and presents it on the notification port.
/// </summary>
public sealed class PassportSignInTests
{
    private const string Password = "correct horse, battery & staple";

    private static async Task<TestServer> StartAsync()
    {
        var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", Password, "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        return server;
    }

    private static HttpClient CreateClient(TestServer server)
    {
        var trust = PinnedCertificate.FromPemFile(Path.Combine(server.DataDirectory, CertificateProvider.PemFileName));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    // VER, CVR and USR TWN I; returns the challenge string the client passes on to Passport.
    private static async Task<string> StartTweenerAsync(LineClient client, string email)
    {
        await client.SendAsync($"VER 1 MSNP9 MSNP8 CVR0\r\n");
        await client.ExpectAsync("VER 1 MSNP9 MSNP8 CVR0");
        await client.SendAsync($"CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 MSMSGS {email}\r\n");
        Assert.StartsWith("CVR 2 6.0.0602 6.0.0602 6.0.0602 ", await client.ReadLineAsync());
        await client.SendAsync($"USR 3 TWN I {email}\r\n");
        var line = (await client.ReadLineAsync())!;
        Assert.StartsWith("USR 3 TWN S ", line);
        return line["USR 3 TWN S ".Length..];
    }

    [Fact]
    public async Task A_ticket_from_login2_srf_over_https_signs_in()
    {
        await using var server = await StartAsync();
        using var http = CreateClient(server);
        var https = server.Host.Endpoints.HttpsPort;

        using var nexus = await http.GetAsync($"https://127.0.0.1:{https}/rdr/pprdr.asp");
        Assert.Equal(HttpStatusCode.OK, nexus.StatusCode);
        var urls = string.Join(",", nexus.Headers.GetValues("PassportURLs")).Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var daLogin = urls["DALogin"];
        Assert.Equal($"127.0.0.1:{https}/login2.srf", daLogin);

        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        var challenge = await StartTweenerAsync(client, "alice@example.com");

        using var request = new HttpRequestMessage(HttpMethod.Get, "https://" + daLogin);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in={Uri.EscapeDataString("alice@example.com")},pwd={Uri.EscapeDataString(Password)},{challenge}");
        request.Headers.UserAgent.ParseAdd("MSMSGS");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = PassportAuthorizationHeader.TicketFrom(string.Join(",", response.Headers.GetValues("Authentication-Info")));

        await client.SendAsync($"USR 4 TWN S {ticket}\r\n");
        await client.ExpectAsync("USR 4 OK alice@example.com Alice 1 0");
        var profile = await SignIn.ReadProfileAsync(client);

        // The profile's MSPAuth is the t= part of the ticket.
        var t = ticket[2..ticket.IndexOf('&', StringComparison.Ordinal)];
        Assert.Contains($"MSPAuth: {t}\r\n", profile, StringComparison.Ordinal);
        await client.SendAsync("SYN 5 0\r\n");
        await client.ExpectAsync("SYN 5 0");
    }

    [Fact]
    public async Task A_ticket_from_RST_srf_signs_in()
    {
        await using var server = await StartAsync();
        using var http = CreateClient(server);
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await StartTweenerAsync(client, "alice@example.com");

        using var response = await http.PostAsync(
            $"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/RST.srf",
            new StringContent(Passport.RstEndpointTests.Envelope("alice@example.com", Password, "http://Passport.NET/tb", "messenger.msn.com"), Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        XNamespace wsse = "http://schemas.xmlsoap.org/ws/2003/06/secext";
        var body = await response.Content.ReadAsStringAsync();
        var ticket = XDocument.Parse(body).Descendants(wsse + "BinarySecurityToken").Single(e => (string?)e.Attribute("Id") == "PPToken1").Value;

        await client.SendAsync($"USR 4 TWN S {ticket}\r\n");
        await client.ExpectAsync("USR 4 OK alice@example.com Alice 1 0");
        await SignIn.ReadProfileAsync(client);
    }

    [Fact]
    public async Task A_ticket_issued_to_another_account_gets_911_and_a_close()
    {
        await using var server = await StartAsync();
        using var http = CreateClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/login2.srf");
        request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For("alice@example.com", Password));
        using var response = await http.SendAsync(request);
        var ticket = PassportAuthorizationHeader.TicketFrom(string.Join(",", response.Headers.GetValues("Authentication-Info")));

        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await StartTweenerAsync(client, "bob@example.com");
        await client.SendAsync($"USR 4 TWN S {ticket}\r\n");
        await client.ExpectAsync("911 4");
        Assert.True(await client.IsClosedAsync());
    }
}
