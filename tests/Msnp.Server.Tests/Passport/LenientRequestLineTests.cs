using Msnp.Server.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// Raw request lines old clients send, over a bare socket and inside TLS, against the real host.
/// </summary>
public sealed class LenientRequestLineTests
{
    private static void AssertNexusReply(string reply, PassportTestServer server)
    {
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", reply);
        Assert.Contains($"\r\nPassportURLs: DARealm=Passport.Net,DALogin={PassportTestServer.PublicHost}:{server.HttpsPort}/login2.srf,", reply);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Request_line_without_version_or_host_is_answered(bool tls)
    {
        await using var server = await PassportTestServer.StartAsync();
        const string request = "GET /rdr/pprdr.asp\r\n\r\n";

        var reply = tls ? await server.RawHttpsAsync(request) : await server.RawHttpAsync(request);

        AssertNexusReply(reply, server);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Http_1_0_without_host_is_answered(bool tls)
    {
        await using var server = await PassportTestServer.StartAsync();
        const string request = "GET /rdr/pprdr.asp HTTP/1.0\r\n\r\n";

        var reply = tls ? await server.RawHttpsAsync(request) : await server.RawHttpAsync(request);

        AssertNexusReply(reply, server);
    }

    [Theory]
    [InlineData(false, "GET https://nexus.passport.com/rdr/pprdr.asp HTTP/1.1\r\nHost: nexus.passport.com\r\nConnection: close\r\n\r\n")]
    [InlineData(true, "GET https://nexus.passport.com/rdr/pprdr.asp HTTP/1.1\r\nHost: nexus.passport.com\r\nConnection: close\r\n\r\n")]
    [InlineData(true, "GET https://nexus.passport.com/rdr/pprdr.asp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")]
    [InlineData(false, "GET http://nexus.passport.com/rdr/pprdr.asp HTTP/1.0\r\n\r\n")]
    [InlineData(true, "GET https://nexus.passport.com/rdr/pprdr.asp\r\n\r\n")]
    public async Task Absolute_uri_request_lines_are_answered(bool tls, string request)
    {
        await using var server = await PassportTestServer.StartAsync();

        var reply = tls ? await server.RawHttpsAsync(request) : await server.RawHttpAsync(request);

        AssertNexusReply(reply, server);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Versionless_request_line_arriving_a_byte_at_a_time_is_answered(bool tls)
    {
        await using var server = await PassportTestServer.StartAsync();
        const string request = "GET /rdr/pprdr.asp\r\n\r\n";

        var reply = tls ? await server.RawHttpsAsync(request, chunkSize: 1) : await server.RawHttpAsync(request, chunkSize: 1);

        AssertNexusReply(reply, server);
    }

    [Fact]
    public async Task Headers_after_a_versionless_line_reach_the_login_endpoint_inside_tls()
    {
        await using var server = await PassportTestServer.StartAsync();
        var request = $"GET /login2.srf\r\nAuthorization: {PassportAuthorizationHeader.For(PassportTestServer.Account, PassportTestServer.Password)}\r\nUser-Agent: MSMSGS\r\n\r\n";

        var reply = await server.RawHttpsAsync(request);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", reply);
        var info = reply.Split("\r\n").Single(l => l.StartsWith("Authentication-Info: ", StringComparison.Ordinal));
        var ticket = PassportAuthorizationHeader.TicketFrom(info);
        Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(ticket, PassportTestServer.Account));
    }

    [Theory]
    [InlineData(false, int.MaxValue)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, 97)]
    public async Task Versionless_post_carries_its_body_through(bool tls, int chunkSize)
    {
        await using var server = await PassportTestServer.StartAsync();
        var envelope = $"""
            <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext">
            <Header><wsse:Security><wsse:UsernameToken><wsse:Username>{PassportTestServer.Account}</wsse:Username><wsse:Password>{System.Security.SecurityElement.Escape(PassportTestServer.Password)}</wsse:Password></wsse:UsernameToken></wsse:Security></Header>
            <Body><RequestMultipleSecurityTokens><RequestSecurityToken Id="RST0"><AppliesTo><EndpointReference><Address>messenger.msn.com</Address></EndpointReference></AppliesTo></RequestSecurityToken></RequestMultipleSecurityTokens></Body>
            </Envelope>
            """;
        var request = $"POST /RST.srf\r\nContent-Type: text/xml\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(envelope)}\r\n\r\n{envelope}";

        var reply = tls ? await server.RawHttpsAsync(request, chunkSize) : await server.RawHttpAsync(request, chunkSize);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", reply);
        var body = reply[(reply.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var token = System.Xml.Linq.XDocument.Parse(body).Descendants().Single(e => e.Name.LocalName == "BinarySecurityToken");
        Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(token.Value, PassportTestServer.Account));
    }

    [Fact]
    public async Task Keep_alive_connection_with_normal_requests_is_untouched()
    {
        await using var server = await PassportTestServer.StartAsync();
        const string request =
            "GET /rdr/pprdr.asp HTTP/1.1\r\nHost: a\r\n\r\n" +
            "GET /rdr/pprdr.asp HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";

        var reply = await server.RawHttpsAsync(request);

        Assert.Equal(2, reply.Split("HTTP/1.1 200 OK\r\n").Length - 1);
        Assert.Equal(2, reply.Split("\r\nPassportURLs: ").Length - 1);
    }

    [Fact]
    public async Task A_line_kestrel_cannot_read_is_still_refused()
    {
        await using var server = await PassportTestServer.StartAsync();

        var reply = await server.RawHttpAsync("GET /a b c\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", reply);
    }
}
