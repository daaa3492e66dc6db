using System.Net;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Passport;

public sealed class RstEndpointTests
{
    private static readonly XNamespace S = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Wst = "http://schemas.xmlsoap.org/ws/2004/04/trust";
    private static readonly XNamespace Wsse = "http://schemas.xmlsoap.org/ws/2003/06/secext";
    private static readonly XNamespace Wsa = "http://schemas.xmlsoap.org/ws/2004/03/addressing";

    private const string HostingApp = "{7108E71A-9926-4FCB-BCC9-9A9D3F32E423}";

    // The shape Messenger 7.x sent: a ticket-granting token and the messenger token.
    internal static string Envelope(string user, string password, params string[] addresses)
    {
        var tokens = new StringBuilder();
        for (var i = 0; i < addresses.Length; i++)
        {
            tokens.Append($"""
                <wst:RequestSecurityToken Id="RST{i}">
                  <wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType>
                  <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>{SecurityElement.Escape(addresses[i])}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>
                  {(i > 0 ? "<wsse:PolicyReference URI=\"?id=507\"></wsse:PolicyReference>" : "")}
                </wst:RequestSecurityToken>
                """);
        }

        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext" xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" xmlns:wsp="http://schemas.xmlsoap.org/ws/2002/12/policy" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing" xmlns:wssc="http://schemas.xmlsoap.org/ws/2004/04/sc" xmlns:wst="http://schemas.xmlsoap.org/ws/2004/04/trust">
              <Header>
                <ps:AuthInfo xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL" Id="PPAuthInfo">
                  <ps:HostingApp>{HostingApp}</ps:HostingApp>
                  <ps:BinaryVersion>4</ps:BinaryVersion>
                </ps:AuthInfo>
                <wsse:Security>
                  <wsse:UsernameToken Id="user">
                    <wsse:Username>{SecurityElement.Escape(user)}</wsse:Username>
                    <wsse:Password>{SecurityElement.Escape(password)}</wsse:Password>
                  </wsse:UsernameToken>
                </wsse:Security>
              </Header>
              <Body>
                <ps:RequestMultipleSecurityTokens xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL" Id="RSTS">
                  {tokens}
                </ps:RequestMultipleSecurityTokens>
              </Body>
            </Envelope>
            """;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(PassportTestServer server, string body, bool tls = true)
    {
        using var client = server.CreateClient();
        var url = tls ? $"https://{PassportTestServer.PublicHost}:{server.HttpsPort}/RST.srf" : $"http://127.0.0.1:{server.HttpPort}/RST.srf";
        using var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"));
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string FaultCode(string body) =>
        XDocument.Parse(body).Descendants(S + "Fault").Single().Element("faultcode")!.Value;

    [Fact]
    public async Task Every_requested_token_gets_a_response_and_the_messenger_token_carries_the_ticket()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, body) = await PostAsync(server, Envelope(PassportTestServer.Account, PassportTestServer.Password, "http://Passport.NET/tb", "messenger.msn.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        var responses = XDocument.Parse(body).Descendants(Wst + "RequestSecurityTokenResponseCollection").Single().Elements(Wst + "RequestSecurityTokenResponse").ToList();
        Assert.Equal(["http://Passport.NET/tb", "messenger.msn.com"], responses.Select(r => r.Descendants(Wsa + "Address").Single().Value));

        var token = responses[1].Element(Wst + "RequestedSecurityToken")!.Element(Wsse + "BinarySecurityToken")!;
        Assert.Equal("PPToken1", (string?)token.Attribute("Id"));
        Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(token.Value, PassportTestServer.Account));
        Assert.Contains($"<wsse:BinarySecurityToken Id=\"PPToken1\">{token.Value.Replace("&", "&amp;", StringComparison.Ordinal)}</wsse:BinarySecurityToken>", body);
        Assert.Equal("urn:passport:compact", responses[1].Element(Wst + "TokenType")!.Value);
        Assert.Equal("#PPToken1", (string?)responses[1].Descendants(Wsse + "Reference").Single().Attribute("URI"));
        var lifetime = responses[1].Element(Wst + "LifeTime")!;
        Assert.True(DateTimeOffset.Parse(lifetime.Elements().Last().Value) > DateTimeOffset.Parse(lifetime.Elements().First().Value));
    }

    [Fact]
    public async Task Every_token_carries_a_proof_secret_that_any_node_recomputes_from_its_ticket_for_the_SSO_answer()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, body) = await PostAsync(server, Envelope(PassportTestServer.Account, PassportTestServer.Password, "http://Passport.NET/tb", "messengerclear.live.com", "contacts.msn.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        var responses = XDocument.Parse(body).Descendants(Wst + "RequestSecurityTokenResponse").Skip(1).ToList();
        var pairs = responses.Select(r => (
            Ticket: r.Descendants(Wsse + "BinarySecurityToken").Single().Value,
            Secret: Convert.FromBase64String(r.Descendants(Wst + "BinarySecret").Single().Value))).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.NotEqual(pairs[0].Secret, pairs[1].Secret);

        // A second service over the same key (another node) gets the same secret from the ticket alone.
        var otherNode = new TicketService(TicketSigningKey.LoadOrCreate(server.Options.DataDirectory), TimeSpan.FromHours(1), TimeProvider.System);
        const string nonce = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/";
        foreach (var (ticket, secret) in pairs)
        {
            Assert.Equal(TicketService.ProofSecretLength, secret.Length);
            Assert.Equal(secret, otherNode.ProofSecret(ticket));
            var answer = Msnp.Protocol.Auth.Sso.SsoKeyBlob.Create(secret, nonce);
            Assert.True(Msnp.Protocol.Auth.Sso.SsoKeyBlob.Verify(otherNode.ProofSecret(ticket)!, nonce, answer));
        }

        // The answer made with one token's secret does not pass for the other, nor for a key the server never had.
        var first = Msnp.Protocol.Auth.Sso.SsoKeyBlob.Create(pairs[0].Secret, nonce);
        Assert.False(Msnp.Protocol.Auth.Sso.SsoKeyBlob.Verify(otherNode.ProofSecret(pairs[1].Ticket)!, nonce, first));
        var stranger = new TicketService(new byte[32], TimeSpan.FromHours(1), TimeProvider.System);
        Assert.False(Msnp.Protocol.Auth.Sso.SsoKeyBlob.Verify(stranger.ProofSecret(pairs[0].Ticket)!, nonce, first));
        Assert.Null(otherNode.ProofSecret("t=not-a-ticket"));
    }

    [Fact]
    public async Task Tokens_for_other_services_are_answered_in_request_order()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, body) = await PostAsync(server, Envelope(PassportTestServer.Account, PassportTestServer.Password, "http://Passport.NET/tb", "messenger.msn.com", "contacts.msn.com", "a&b<c>"));

        Assert.Equal(HttpStatusCode.OK, status);
        var tokens = XDocument.Parse(body).Descendants(Wsse + "BinarySecurityToken").ToList();
        Assert.Equal(["PPToken1", "PPToken2", "PPToken3"], tokens.Select(t => (string?)t.Attribute("Id")));
        Assert.All(tokens, t => Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(t.Value, PassportTestServer.Account)));
        Assert.Equal("a&b<c>", XDocument.Parse(body).Descendants(Wsa + "Address").Last().Value);
    }

    [Fact]
    public async Task Wrong_password_is_a_failed_authentication_fault()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, body) = await PostAsync(server, Envelope(PassportTestServer.Account, "nope", "http://Passport.NET/tb", "messenger.msn.com"));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("wsse:FailedAuthentication", FaultCode(body));
        Assert.DoesNotContain(">t=", body);
        Assert.DoesNotContain("BinarySecurityToken", body);
    }

    [Theory]
    [InlineData("<Envelope><Body>")]
    [InlineData("not xml at all")]
    [InlineData("<Other/>")]
    [InlineData("<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body/></Envelope>")]
    public async Task Malformed_or_incomplete_requests_are_invalid_request_faults(string body)
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, reply) = await PostAsync(server, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("wsse:InvalidRequest", FaultCode(reply));
    }

    [Fact]
    public async Task Request_without_tokens_is_invalid()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, reply) = await PostAsync(server, Envelope(PassportTestServer.Account, PassportTestServer.Password));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("wsse:InvalidRequest", FaultCode(reply));
    }

    [Fact]
    public async Task Document_type_declarations_are_refused()
    {
        await using var server = await PassportTestServer.StartAsync();
        var envelope = Envelope("&lol;", PassportTestServer.Password, "messenger.msn.com").Replace("&amp;lol;", "&lol;", StringComparison.Ordinal);
        var withDtd = envelope.Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?><!DOCTYPE Envelope [<!ENTITY lol \"alice@example.com\">]>", StringComparison.Ordinal);

        var (status, reply) = await PostAsync(server, withDtd);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("wsse:InvalidRequest", FaultCode(reply));
    }

    [Fact]
    public async Task Oversized_body_is_refused_before_parsing()
    {
        await using var server = await PassportTestServer.StartAsync(o => o with { MaxSoapRequestBytes = 4096 });
        var padded = Envelope(PassportTestServer.Account, PassportTestServer.Password, "messenger.msn.com")
            .Replace("<Header>", "<Header><!--" + new string('x', 5000) + "-->", StringComparison.Ordinal);

        var (status, reply) = await PostAsync(server, padded);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("wsse:InvalidRequest", FaultCode(reply));
    }

    [Fact]
    public async Task Plain_http_serves_the_token_service_too()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, body) = await PostAsync(server, Envelope(PassportTestServer.Account, PassportTestServer.Password, "messenger.msn.com"), tls: false);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Id=\"Compact0\"", body);
    }

    // Found by the fuzzer: a second <Address> in one token left the reader on that element, and
    // the request spun a server thread forever. The first address wins; the request is answered.
    [Fact]
    public async Task A_token_with_two_addresses_is_answered_for_the_first()
    {
        await using var server = await PassportTestServer.StartAsync();
        var envelope = Envelope(PassportTestServer.Account, PassportTestServer.Password, "http://Passport.NET/tb", "messenger.msn.com")
            .Replace("<wsa:Address>messenger.msn.com</wsa:Address>", "<wsa:Address>messenger.msn.com</wsa:Address><wsa:Address>contacts.msn.com</wsa:Address>", StringComparison.Ordinal);

        var (status, body) = await PostAsync(server, envelope);

        Assert.Equal(HttpStatusCode.OK, status);
        var responses = XDocument.Parse(body).Descendants(Wst + "RequestSecurityTokenResponse").ToList();
        Assert.Equal(["http://Passport.NET/tb", "messenger.msn.com"], responses.Select(r => r.Descendants(Wsa + "Address").Single().Value));
    }
}
