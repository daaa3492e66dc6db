using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Passport;

public sealed class LoginEndpointTests
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    private static Dictionary<string, string> PassportUrls(HttpResponseMessage response) =>
        Header(response, "PassportURLs").Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public async Task Nexus_names_the_login_host_and_https_port_without_a_scheme()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync($"https://{PassportTestServer.PublicHost}:{server.HttpsPort}/rdr/pprdr.asp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var urls = PassportUrls(response);
        Assert.Equal("Passport.Net", urls["DARealm"]);
        Assert.Equal($"{PassportTestServer.PublicHost}:{server.HttpsPort}/login2.srf", urls["DALogin"]);
        Assert.Equal("1", urls["ConfigVersion"]);
        Assert.All(["DAReg", "Properties", "Privacy", "GeneralRedir", "Help"], key => Assert.StartsWith("https://", urls[key]));
    }

    [Fact]
    public async Task Nexus_then_login_returns_a_ticket_bound_to_the_account()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();
        using var nexus = await client.GetAsync($"https://{PassportTestServer.PublicHost}:{server.HttpsPort}/rdr/pprdr.asp");
        var daLogin = PassportUrls(nexus)["DALogin"];

        using var request = new HttpRequestMessage(HttpMethod.Get, "https://" + daLogin);
        request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(PassportTestServer.Account, PassportTestServer.Password));
        request.Headers.UserAgent.ParseAdd("MSMSGS");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = Header(response, "Authentication-Info");
        Assert.StartsWith("Passport1.4 da-status=success,", info);
        Assert.EndsWith(",ru=http://messenger.msn.com", info);
        var ticket = PassportAuthorizationHeader.TicketFrom(info);
        Assert.Matches("^t=[^&]+&p=[^&]+$", ticket);
        Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(ticket, PassportTestServer.Account));
        Assert.Equal(TicketValidation.WrongAccount, server.Tickets.Validate(ticket, "bob@example.com"));

        // Another node holding the same key file accepts it too.
        var sharedKey = TicketSigningKey.LoadOrCreate(server.Options.DataDirectory);
        Assert.Equal(TicketValidation.Valid, new TicketService(sharedKey, TimeSpan.FromHours(1), TimeProvider.System).Validate(ticket, PassportTestServer.Account));
    }

    [Fact]
    public async Task Wrong_password_gets_401_with_da_status_failed_and_a_reason()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{server.HttpsPort}/login2.srf");
        request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(PassportTestServer.Account, "wrong"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Header(response, "WWW-Authenticate");
        Assert.StartsWith("Passport1.4 da-status=failed,srealm=Passport.NET,ts=-3,prompt,cburl=https://", challenge);
        var reason = challenge[(challenge.IndexOf("cbtxt=", StringComparison.Ordinal) + 6)..];
        Assert.DoesNotContain(" ", reason);
        Assert.Contains("incorrect", Uri.UnescapeDataString(reason));
        Assert.False(response.Headers.Contains("Authentication-Info"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Passport1.4 OrgVerb=GET,lc=1033")]
    [InlineData("Passport1.4sign-in=alice%40example.com,pwd=x")]
    public async Task Missing_or_foreign_credentials_get_401(string? authorization)
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{server.HttpsPort}/login2.srf");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("da-status=failed", Header(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task Credentials_are_found_wherever_they_sit_and_whatever_the_key_case()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();
        var header = $"passport1.4  {PassportAuthorizationHeader.Challenge}, PWD={Uri.EscapeDataString(PassportTestServer.Password)} ,Sign-In=ALICE%40example.com";

        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{server.HttpsPort}/login2.srf");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = PassportAuthorizationHeader.TicketFrom(Header(response, "Authentication-Info"));
        Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(ticket, PassportTestServer.Account));
    }

    [Fact]
    public async Task Unsafe_return_url_is_not_echoed()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();
        var header = PassportAuthorizationHeader.For(PassportTestServer.Account, PassportTestServer.Password)
            .Replace("ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom", "ru=http%3A%2F%2Fa%0D%0ASet-Cookie%3A%20x%3D1", StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{server.HttpsPort}/login2.srf");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(",ru=http://messenger.msn.com", Header(response, "Authentication-Info"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Plain_http_serves_nexus_and_login_when_allowed()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var client = server.CreateClient();

        using var nexus = await client.GetAsync($"http://127.0.0.1:{server.HttpPort}/rdr/pprdr.asp");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.HttpPort}/login2.srf");
        request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(PassportTestServer.Account, PassportTestServer.Password));
        using var login = await client.SendAsync(request);

        Assert.Equal($"{PassportTestServer.PublicHost}:{server.HttpsPort}/login2.srf", PassportUrls(nexus)["DALogin"]);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Plain_http_is_refused_by_default_while_https_still_works()
    {
        await using var server = await PassportTestServer.StartAsync(o => o with { AllowPlainHttpPassport = new PassportOptions().AllowPlainHttpPassport });
        using var client = server.CreateClient();

        using var plain = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.HttpPort}/login2.srf");
        plain.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(PassportTestServer.Account, PassportTestServer.Password));
        using var refused = await client.SendAsync(plain);
        using var nexus = await client.GetAsync($"http://127.0.0.1:{server.HttpPort}/rdr/pprdr.asp");
        using var secure = await client.GetAsync($"https://127.0.0.1:{server.HttpsPort}/rdr/pprdr.asp");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Authentication-Info"));
        Assert.Equal(HttpStatusCode.Forbidden, nexus.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
    }

    [Fact]
    public async Task Https_port_presents_the_exported_certificate_and_a_client_trusting_another_one_refuses_it()
    {
        await using var server = await PassportTestServer.StartAsync();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var stranger = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var wary = server.CreateClient(new PinnedCertificate(X509CertificateLoader.LoadCertificate(stranger.RawData)));

        await Assert.ThrowsAsync<HttpRequestException>(() => wary.GetAsync($"https://127.0.0.1:{server.HttpsPort}/rdr/pprdr.asp"));
        Assert.Equal(server.Trust.Trusted.Thumbprint, server.Listeners.Certificate.Thumbprint);
    }

    [Fact]
    public async Task Second_start_on_the_same_data_directory_reuses_certificate_and_key()
    {
        using var data = new TemporaryDirectory();
        string thumbprint, ticket;
        await using (var first = await PassportTestServer.StartAsync(dataDirectory: data.Path))
        {
            thumbprint = first.Listeners.Certificate.Thumbprint;
            ticket = first.Tickets.IssueWithoutStamp(PassportTestServer.Account).Value;
        }

        await using var second = await PassportTestServer.StartAsync(dataDirectory: data.Path);

        Assert.Equal(thumbprint, second.Listeners.Certificate.Thumbprint);
        Assert.Equal(TicketValidation.Valid, second.Tickets.Validate(ticket, PassportTestServer.Account));
        using var client = second.CreateClient();
        using var response = await client.GetAsync($"https://localhost:{second.HttpsPort}/rdr/pprdr.asp");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
