using System.Net;
using System.Net.Security;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Auth;
using Msnp.Server.Hosting;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Failed sign-ins are counted per account and per address; past the free failures the account or
/// address is refused (911, or Passport's failure) even with the right credentials until the back-off passes.
/// </summary>
public sealed class SignInBackoffTests
{
    private static void TwoFreeFailures(MsnpServerOptions o)
    {
        o.Limits.SignInFreeFailures = 2;
        o.Limits.SignInBackoffBase = TimeSpan.FromMinutes(5);
        o.Limits.SignInBackoffMax = TimeSpan.FromMinutes(5);
    }

    // MSNP7 MD5 login with the given password; returns the reply to USR … S.
    private static async Task<string?> Md5AttemptAsync(TestServer server, string email, string password)
    {
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 MSNP7\r\nINF 2\r\nUSR 3 MD5 I {email}\r\n");
        await client.ExpectAsync("VER 1 MSNP7", "INF 2 MD5");
        var challenge = (await client.ReadLineAsync())!["USR 3 MD5 S ".Length..];
        await client.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, password)}\r\n");
        var reply = await client.ReadLineAsync();
        if (reply == "911 4")
        {
            Assert.True(await client.IsClosedAsync());
        }

        return reply;
    }

    private static async Task<string?> TicketAttemptAsync(TestServer server, string email, string ticket)
    {
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 MSNP8 CVR0\r\nUSR 3 TWN I {email}\r\n");
        await client.ExpectAsync("VER 1 MSNP8 CVR0");
        Assert.StartsWith("USR 3 TWN S ", await client.ReadLineAsync());
        await client.SendAsync($"USR 4 TWN S {ticket}\r\n");
        return await client.ReadLineAsync();
    }

    [Fact]
    public async Task Wrong_MD5_passwords_lock_the_account_then_even_the_right_one_gets_911_while_others_sign_in()
    {
        await using var world = await Bystanders.StartAsync(TwoFreeFailures);
        var mallory = Scene.Email("mallory");

        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess1"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess2"));
        Assert.StartsWith("USR 4 OK ", await Md5AttemptAsync(world.Server, mallory, Scene.Password));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess3"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess4"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess5"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, Scene.Password));

        // Loopback is exempt from the per-address count by default: another account still signs in.
        Assert.StartsWith("USR 4 OK ", await Md5AttemptAsync(world.Server, Scene.Email("carol"), Scene.Password));
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_successful_sign_in_clears_the_account_count()
    {
        await using var world = await Bystanders.StartAsync(TwoFreeFailures);
        var mallory = Scene.Email("mallory");

        for (int round = 0; round < 3; round++)
        {
            Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess"));
            Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess"));
            Assert.StartsWith("USR 4 OK ", await Md5AttemptAsync(world.Server, mallory, Scene.Password));
        }
    }

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_for_every_account()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            TwoFreeFailures(o);
            o.Limits.ExemptLoopback = false;
            o.Limits.MaxConnectionsPerAddress = 0;
        });

        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, "nobody1@example.com", "x"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, "nobody2@example.com", "x"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, "nobody3@example.com", "x"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, Scene.Email("carol"), Scene.Password));
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Bad_tickets_count_and_lock_out_a_valid_ticket()
    {
        await using var world = await Bystanders.StartAsync(TwoFreeFailures);
        var mallory = Scene.Email("mallory");
        var tickets = world.Server.Host.Services.GetRequiredService<ITicketService>();

        Assert.Equal("911 4", await TicketAttemptAsync(world.Server, mallory, "t=forged&p=forged"));
        Assert.Equal("911 4", await TicketAttemptAsync(world.Server, mallory, tickets.IssueWithoutStamp(Scene.Email("carol")).Value));
        Assert.Equal("911 4", await TicketAttemptAsync(world.Server, mallory, "t=x&p=y"));
        Assert.Equal("911 4", await TicketAttemptAsync(world.Server, mallory, await SignIn.TicketAsync(world.Server, mallory)));
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task The_back_off_passes_and_the_right_password_works_again()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.SignInFreeFailures = 1;
            o.Limits.SignInBackoffBase = TimeSpan.FromMilliseconds(300);
            o.Limits.SignInBackoffMax = TimeSpan.FromMilliseconds(300);
        });
        var mallory = Scene.Email("mallory");
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess1"));
        Assert.Equal("911 4", await Md5AttemptAsync(world.Server, mallory, "guess2"));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await Md5AttemptAsync(world.Server, mallory, Scene.Password) is not { } reply || !reply.StartsWith("USR 4 OK ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the account stayed locked after its back-off");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Wrong_Passport_passwords_lock_the_account_with_Passports_failure_response()
    {
        await using var world = await Bystanders.StartAsync(TwoFreeFailures);
        var trust = PinnedCertificate.FromPemFile(Path.Combine(world.Server.DataDirectory, CertificateProvider.PemFileName));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        var url = $"https://127.0.0.1:{world.Server.Host.Endpoints.HttpsPort}/login2.srf";

        async Task<HttpResponseMessage> LoginAsync(string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(Scene.Email("mallory"), password));
            return await http.SendAsync(request);
        }

        using (var ok = await LoginAsync(Scene.Password))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        foreach (var password in new[] { "guess1", "guess2", "guess3", Scene.Password })
        {
            using var refused = await LoginAsync(password);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.StartsWith("Passport1.4 da-status=failed,", string.Join(",", refused.Headers.GetValues("WWW-Authenticate")), StringComparison.Ordinal);
            Assert.False(refused.Headers.Contains("Authentication-Info"));
        }

        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Wrong_passwords_at_the_SSO_token_service_lock_the_account_for_RST_and_RST2_alike()
    {
        await using var world = await Bystanders.StartAsync(TwoFreeFailures);
        var trust = PinnedCertificate.FromPemFile(Path.Combine(world.Server.DataDirectory, CertificateProvider.PemFileName));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        async Task<(HttpStatusCode Status, string Body)> RstAsync(string path, string password)
        {
            using var content = new StringContent(SsoTokenServiceTests.Envelope(Scene.Email("mallory"), password, SsoTokenServiceTests.BitlBeeDomains), System.Text.Encoding.UTF8, "text/xml");
            using var response = await http.PostAsync($"https://127.0.0.1:{world.Server.Host.Endpoints.HttpsPort}{path}", content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await RstAsync("/RST2.srf", Scene.Password)).Status);
        foreach (var (path, password) in new[] { ("/RST2.srf", "guess1"), ("/RST.srf", "guess2"), ("/RST2.srf", "guess3"), ("/RST.srf", Scene.Password), ("/RST2.srf", Scene.Password) })
        {
            var (status, body) = await RstAsync(path, password);
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.Contains(path == "/RST.srf" ? "<faultcode>wsse:FailedAuthentication</faultcode>" : "<S:Value>wst:FailedAuthentication</S:Value>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("BinarySecret", body, StringComparison.Ordinal);
        }

        await world.AssertStillRelayingAsync();
    }
}
