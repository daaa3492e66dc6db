using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>Cookies, session ids, tickets, privacy and Passport transport, attacked over real sockets.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task An_invitation_cookie_cannot_be_used_by_another_account_and_a_session_id_is_useless_without_one()
    {
        await using var world = await Bystanders.StartAsync();
        var carol = await world.Scene.SignInAsync("carol");
        await Chat.GoOnlineAsync(carol);
        var mallory = await world.Scene.SignInAsync("mallory");
        await Chat.GoOnlineAsync(mallory);

        await world.AliceSb.SendAsync("CAL 30 carol@example.com\r\n");
        var sessionId = (await world.AliceSb.ReadLineStartingWithAsync("CAL 30 RINGING ")).Split(' ')[3];
        var rng = (await carol.ReadLineStartingWithAsync("RNG ")).Split(' ');
        Assert.Equal(sessionId, rng[1]);
        var carolsCookie = rng[4];
        var port = world.Server.Host.Endpoints.SwitchboardPort;

        foreach (var attempt in new[]
        {
            $"ANS 1 mallory@example.com {carolsCookie} {sessionId}", // Carol's cookie, Mallory's name
            $"ANS 1 mallory@example.com 1.2.3 {sessionId}",          // the session id, a made-up cookie
            $"ANS 1 carol@example.com 1.2.3 {sessionId}",            // pretending to be Carol without her cookie
            $"USR 1 mallory@example.com {sessionId}",                // the session id as a creator cookie
        })
        {
            await using var thief = await LineClient.ConnectAsync(port);
            await thief.SendAsync(attempt + "\r\n");
            Assert.Equal("911 1", await thief.ReadLineAsync());
            Assert.True(await thief.IsClosedAsync());
        }

        // Nobody joined: the bystanders saw no JOI and still chat.
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Tickets_are_bound_to_their_account_and_expire()
    {
        await using var world = await Bystanders.StartAsync(o => o.TicketLifetime = TimeSpan.FromSeconds(1));
        var tickets = world.Server.Host.Services.GetRequiredService<ITicketService>();
        var port = world.Server.Host.Endpoints.NotificationPort;

        async Task<string?> PresentAsync(string email, string ticket)
        {
            await using var client = await LineClient.ConnectAsync(port);
            await client.SendAsync($"VER 1 MSNP8 CVR0\r\nUSR 2 TWN I {email}\r\n");
            await client.ExpectAsync("VER 1 MSNP8 CVR0");
            await client.ReadLineStartingWithAsync("USR 2 TWN S ");
            await client.SendAsync($"USR 3 TWN S {ticket}\r\n");
            return await client.ReadLineAsync();
        }

        Assert.Equal("911 3", await PresentAsync(Scene.Email("mallory"), tickets.IssueWithoutStamp(Scene.Email("carol")).Value));

        var expiring = tickets.IssueWithoutStamp(Scene.Email("carol")).Value;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (tickets.Validate(expiring, Scene.Email("carol")) == TicketValidation.Valid)
        {
            Assert.True(DateTime.UtcNow < deadline, "the ticket never expired");
            await Task.Delay(200);
        }

        Assert.Equal("911 3", await PresentAsync(Scene.Email("carol"), expiring));
        await world.AssertStillRelayingAsync();
    }

    [Theory]
    [InlineData(null, "217")]
    [InlineData(BlockedCallAnswer.NotOnline, "217")]
    [InlineData(BlockedCallAnswer.NotOnList, "216")]
    public async Task A_blocked_caller_learns_no_presence_and_cannot_ring(BlockedCallAnswer? answer, string code)
    {
        await using var scene = await Scene.StartAsync(
            o =>
            {
                if (answer is { } a)
                {
                    o.BlockedCallAnswer = a;
                }
            },
            "alice",
            "bob",
            "mallory");

        // Mallory has Alice on FL, and Alice blocks Mallory.
        var store = scene.Server.Host.Services.GetRequiredService<IContactStore>();
        await store.AddAsync(Scene.Email("mallory"), ListKind.Forward, Scene.Email("alice"), "Alice");
        await store.AddAsync(Scene.Email("alice"), ListKind.Block, Scene.Email("mallory"), "Mallory");
        var alice = await scene.SignInAsync("alice");
        await Chat.GoOnlineAsync(alice);

        var mallory = await scene.SignInAsync("mallory");
        await mallory.SendAsync("CHG 2 NLN\r\n");
        await mallory.ReadLineStartingWithAsync("CHG 2 ");
        Assert.StartsWith("CHL 0 ", await mallory.ReadLineAsync()); // no ILN for Alice before the challenge

        await using var sb = await Chat.OpenAsync(scene.Server, mallory, Scene.Email("mallory"), 3);
        await sb.SendAsync("CAL 4 alice@example.com\r\n");
        Assert.Equal($"{code} 4", await sb.ReadLineAsync());

        // Bob, whom Alice allows, still gets through; the first RNG Alice sees is his.
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(bob);
        await using var bobsSb = await Chat.OpenAsync(scene.Server, bob, Scene.Email("bob"), 5);
        await bobsSb.SendAsync("CAL 6 alice@example.com\r\n");
        await bobsSb.ReadLineStartingWithAsync("CAL 6 RINGING ");
        Assert.Contains(" bob@example.com ", await alice.ReadLineStartingWithAsync("RNG "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passport_over_plain_http_is_refused_by_default_and_served_when_allowed()
    {
        foreach (var (allow, expected) in new[] { (false, HttpStatusCode.Forbidden), (true, HttpStatusCode.OK) })
        {
            await using var scene = await Scene.StartAsync(o => o.AllowPlainHttpPassport = allow ? true : o.AllowPlainHttpPassport, "alice");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{scene.Server.Host.Endpoints.HttpPort}/login2.srf");
            request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(Scene.Email("alice"), Scene.Password));
            using var response = await http.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(allow, response.Headers.Contains("Authentication-Info"));
        }
    }
}
