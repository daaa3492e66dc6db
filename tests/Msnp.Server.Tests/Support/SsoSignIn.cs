using System.Globalization;
using System.Net.Security;
using System.Text;
using System.Xml.Linq;
using Msnp.Protocol.Auth.Sso;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Passport;

namespace Msnp.Server.Tests.Support;

/// <summary>
/// MSNP15–18 sign-in over real sockets and real HTTPS, step by step as BitlBee 3.x and Pidgin do it:
/// <c>VER</c>, <c>CVR</c>, <c>USR SSO I</c> (→ <c>GCF 0</c> and <c>USR SSO S MBI_KEY_OLD nonce</c>),
/// <c>POST /RST.srf</c>, then <c>USR SSO S ticket blob [{guid}]</c>.
/// </summary>
internal static class SsoSignIn
{
    /// <summary>The NS ticket (<c>messengerclear.live.com</c>, <c>Compact1</c>) and its <c>BinarySecret</c>.</summary>
    public sealed record Tokens(string Ticket, byte[] Secret, string AddressBookTicket);

    /// <summary>A connection that has sent <c>USR SSO I</c> and read the policy and the nonce.</summary>
    public sealed record Challenge(LineClient Client, string Nonce, string Policies);

    /// <summary>Asks the server's token service for BitlBee's five tokens, over HTTPS trusting only the server's certificate.</summary>
    public static async Task<Tokens> RequestTokensAsync(TestServer server, string email, string password, string path = "/RST.srf")
    {
        var trust = PinnedCertificate.FromPemFile(Path.Combine(server.DataDirectory, CertificateProvider.PemFileName));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        })
        { Timeout = TimeSpan.FromSeconds(60) };
        using var content = new StringContent(SsoTokenServiceTests.Envelope(email, password, SsoTokenServiceTests.BitlBeeDomains), Encoding.UTF8, "text/xml");
        using var reply = await http.PostAsync($"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}{path}", content);
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, body);
        var responses = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "RequestSecurityTokenResponse").ToList();
        XElement For(string address) => responses.Single(r => r.Descendants().First(e => e.Name.LocalName == "Address").Value == address);
        string Token(XElement response) => response.Descendants().Single(e => e.Name.LocalName == "BinarySecurityToken").Value;
        var messenger = For("messengerclear.live.com");
        var secret = messenger.Descendants().Single(e => e.Name.LocalName == "BinarySecret").Value;
        return new Tokens(Token(messenger), Convert.FromBase64String(secret), Token(For("contacts.msn.com")));
    }

    /// <summary><c>VER</c>, <c>CVR</c> and <c>USR 3 SSO I</c>; returns the nonce of <c>USR 3 SSO S MBI_KEY_OLD nonce</c>.</summary>
    public static async Task<Challenge> BeginAsync(TestServer server, string email, string version)
    {
        var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 {version} CVR0\r\n");
        Assert.Equal($"VER 1 {version} CVR0", await client.ReadLineAsync());
        await client.SendAsync($"CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.5.1302 msmsgs {email}\r\n");
        Assert.StartsWith("CVR 2 ", await client.ReadLineAsync());
        await client.SendAsync($"USR 3 SSO I {email}\r\n");
        var gcf = await client.ReadLineAsync();
        Assert.StartsWith("GCF 0 ", gcf);
        var policies = Encoding.UTF8.GetString(await client.ReadBytesAsync(int.Parse(gcf!["GCF 0 ".Length..], CultureInfo.InvariantCulture)));
        var usr = await client.ReadLineAsync();
        Assert.StartsWith("USR 3 SSO S MBI_KEY_OLD ", usr);
        return new Challenge(client, usr!["USR 3 SSO S MBI_KEY_OLD ".Length..], policies);
    }

    /// <summary>The answer line a client sends: ticket, blob over the nonce, and the machine GUID when given.</summary>
    public static string Answer(Tokens tokens, string nonce, Guid? machineGuid) =>
        $"USR 4 SSO S {tokens.Ticket} {SsoKeyBlob.Create(tokens.Secret, nonce)}{(machineGuid is { } g ? " " + g.ToString("B").ToUpperInvariant() : "")}\r\n";

    /// <summary>The whole sign-in; returns the connection after <c>USR 4 OK email 1 0</c>.</summary>
    public static async Task<LineClient> SignInAsync(TestServer server, string email, string password, string version, Guid? machineGuid = null)
    {
        var number = int.Parse(version["MSNP".Length..], CultureInfo.InvariantCulture);
        var challenge = await BeginAsync(server, email, version);
        var tokens = await RequestTokensAsync(server, email, password);
        await challenge.Client.SendAsync(Answer(tokens, challenge.Nonce, number >= 16 ? machineGuid ?? Guid.NewGuid() : null));
        Assert.Equal($"USR 4 OK {email} 1 0", await challenge.Client.ReadLineAsync());
        return challenge.Client;
    }
}
