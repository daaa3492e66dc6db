using System.Net;
using System.Net.Security;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Password hashing cannot be used to take every core (docs/limits.md): a bounded number of
/// PBKDF2 checks run at once with a short queue, requests past it are answered busy without a
/// check, each address has a Passport request rate, and made-up names have a server-wide rate.
/// Checks are held open and counted over the real HTTPS endpoints; nothing is timed.
/// </summary>
public sealed class PasswordCheckFloodTests
{
    [Fact]
    public async Task With_every_slot_taken_login2_answers_503_at_once_without_a_check()
    {
        await using var world = await StartAsync(o =>
        {
            o.Limits.MaxConcurrentPasswordChecks = 1;
            o.Limits.PasswordCheckQueue = 0;
        });
        var held = HeldPasswordChecks.Of(world.Scene.Server);
        var store = Stores.Accounts(world.Scene.Server);
        var checksBefore = store.PasswordChecks;

        var first = world.LoginAsync("alice", Scene.Password);
        await ReachesTheCheckAsync(held, first);

        // The second sign-in finds the one slot taken and no queue: 503 before any check.
        using (var busy = await world.LoginAsync("bob", Scene.Password))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("HTTP/1.1 503 Service Unavailable", $"HTTP/{busy.Version} {(int)busy.StatusCode} {busy.ReasonPhrase}");
            Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(1, held.Arrived);
        Assert.Equal(checksBefore, store.PasswordChecks);

        held.Open();
        using (var ok = await first)
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        // The slot is free again and the busy answer counted no failure: bob signs in.
        using (var again = await world.LoginAsync("bob", Scene.Password))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(2, held.Arrived);
        Assert.Equal(checksBefore + 2, store.PasswordChecks);
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_check_waits_in_the_queue_and_the_one_past_the_queue_is_refused()
    {
        await using var world = await StartAsync(o =>
        {
            o.Limits.MaxConcurrentPasswordChecks = 1;
            o.Limits.PasswordCheckQueue = 1;
            o.Limits.PasswordCheckQueueTimeout = TimeSpan.FromMinutes(5);
        });
        var held = HeldPasswordChecks.Of(world.Scene.Server);
        var gate = world.Scene.Server.Host.Services.GetRequiredService<PasswordCheckGate>();

        var running = world.LoginAsync("alice", Scene.Password);
        await ReachesTheCheckAsync(held, running);
        var queued = world.LoginAsync("bob", Scene.Password);
        await WaitUntilAsync(() => gate.Admitted == 2, "the second check never joined the queue");

        using (var refused = await world.LoginAsync("carol", Scene.Password))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        // A made-up name never waits for a slot: with none free it is the wrong-password answer, unhashed.
        using (var madeUp = await world.LoginAsync("nobody", "guess"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, madeUp.StatusCode);
        }

        Assert.Equal(1, held.Arrived);
        held.Open();
        using (var ok = await running)
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var ok = await queued)
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(2, held.Arrived);
    }

    [Fact]
    public async Task With_every_slot_taken_RST_answers_the_request_failed_fault_without_a_check()
    {
        await using var world = await StartAsync(o =>
        {
            o.Limits.MaxConcurrentPasswordChecks = 1;
            o.Limits.PasswordCheckQueue = 0;
        });
        var held = HeldPasswordChecks.Of(world.Scene.Server);
        var store = Stores.Accounts(world.Scene.Server);
        var checksBefore = store.PasswordChecks;

        var first = world.RstAsync("alice", Scene.Password);
        await ReachesTheCheckAsync(held, first);
        var (status, retryAfter, body) = await world.RstAsync("bob", Scene.Password);
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(TimeSpan.FromSeconds(5), retryAfter);
        Assert.Contains("<faultcode>wst:RequestFailed</faultcode>", body, StringComparison.Ordinal);
        Assert.Contains("xmlns:wst=\"http://schemas.xmlsoap.org/ws/2004/04/trust\"", body, StringComparison.Ordinal);
        Assert.Equal(1, held.Arrived);
        Assert.Equal(checksBefore, store.PasswordChecks);

        held.Open();
        Assert.Equal(HttpStatusCode.OK, (await first).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.RstAsync("bob", Scene.Password)).Status);
    }

    [Fact]
    public async Task With_every_slot_taken_the_consoles_sign_in_form_answers_503_without_counting_a_failure()
    {
        await using var world = await StartAsync(o =>
        {
            o.Limits.MaxConcurrentPasswordChecks = 1;
            o.Limits.PasswordCheckQueue = 0;
            o.Admin.Enabled = true;
            o.Admin.Port = 0;
            o.Admin.LockoutFailures = 1;
        });
        var server = world.Scene.Server;
        await server.Host.Operators.Store.AddAdminAsync("root", "admin password 1");
        var held = HeldPasswordChecks.Of(server);
        var first = world.LoginAsync("alice", Scene.Password);
        await ReachesTheCheckAsync(held, first);

        using var console = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = server.Host.Operators.Url,
            Timeout = TimeSpan.FromSeconds(120),
        };
        using (var busy = await PostConsoleLoginAsync(console, "root", "admin password 1"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Contains("The server is busy", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        held.Open();
        using (var ok = await first)
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        // With one free failure, a counted busy answer would have locked the name: it was not counted.
        using (var signedIn = await PostConsoleLoginAsync(console, "root", "admin password 1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
    }

    [Fact]
    public async Task An_address_over_its_Passport_rate_gets_503_without_a_check_on_loopback_when_not_exempt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await StartAsync(
            o =>
            {
                o.Limits.ExemptLoopback = false;
                o.Limits.PassportRequestBurst = 3;
                o.Limits.PassportRequestsPerMinute = 6; // one every 10 s
            },
            clock);
        var held = HeldPasswordChecks.Of(world.Scene.Server);
        held.Open();

        for (int i = 0; i < 3; i++)
        {
            using var ok = await world.LoginAsync("alice", Scene.Password);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var over = await world.LoginAsync("alice", Scene.Password))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, over.StatusCode);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, (await world.RstAsync("alice", Scene.Password)).Status);
        var rst2 = await world.RstAsync("alice", Scene.Password, "/RST2.srf");
        Assert.Equal(HttpStatusCode.InternalServerError, rst2.Status);
        Assert.Contains("<S:Value>wst:RequestFailed</S:Value>", rst2.Body, StringComparison.Ordinal);
        Assert.Equal(3, held.Arrived);

        // The rate refills with the server's clock.
        clock.Advance(TimeSpan.FromSeconds(10));
        using (var later = await world.LoginAsync("alice", Scene.Password))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }

        Assert.Equal(4, held.Arrived);
    }

    [Fact]
    public async Task Made_up_names_past_the_server_wide_rate_are_refused_as_wrong_without_hashing_while_real_accounts_are_checked()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await StartAsync(
            o =>
            {
                // Loopback stays exempt from the per-address limits; this rate applies anyway.
                o.Limits.UnknownAccountCheckBurst = 2;
                o.Limits.UnknownAccountChecksPerSecond = 1;
            },
            clock);
        var held = HeldPasswordChecks.Of(world.Scene.Server);
        held.Open();
        var store = Stores.Accounts(world.Scene.Server);
        var checksBefore = store.PasswordChecks;

        for (int i = 0; i < 5; i++)
        {
            using var refused = await world.LoginAsync($"nobody{i}", "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("da-status=failed", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        // Two made-up names were hashed (against the decoy), three were not.
        Assert.Equal(2, held.Arrived);
        Assert.Equal(checksBefore + 2, store.PasswordChecks);

        // A real account is checked all the same, wrong password or right.
        using (var wrong = await world.LoginAsync("alice", "wrong"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var ok = await world.LoginAsync("alice", Scene.Password))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(checksBefore + 4, store.PasswordChecks);

        clock.Advance(TimeSpan.FromSeconds(1));
        using (var refilled = await world.LoginAsync("nobody-else", "guess"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refilled.StatusCode);
        }

        Assert.Equal(checksBefore + 5, store.PasswordChecks);
        await world.AssertStillRelayingAsync();
    }

    private static async Task<HttpResponseMessage> PostConsoleLoginAsync(HttpClient console, string name, string password)
    {
        var form = await console.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return await console.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    // Waits until the request is held at the password check (failing if it was answered instead).
    private static async Task ReachesTheCheckAsync(HeldPasswordChecks held, Task request)
    {
        await Task.WhenAny(held.FirstArrived, request).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(held.FirstArrived.IsCompleted, "the first sign-in was answered before its password check");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string message)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            await Task.Delay(20);
        }
    }

    private static async Task<PassportWorld> StartAsync(Action<MsnpServerOptions> configure, TimeProvider? clock = null)
    {
        var scene = await Scene.StartAsync(
            configure,
            services =>
            {
                HeldPasswordChecks.Register(services);
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }
            },
            "alice", "bob", "carol", "dave", "erin");
        return await PassportWorld.StartAsync(scene);
    }

    /// <summary>A scene with two users chatting (who must carry on) and an HTTPS client for Passport.</summary>
    private sealed class PassportWorld : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly string _baseUrl;
        private readonly LineClient _daveSb;
        private readonly LineClient _erinSb;
        private int _trId = 100;

        private PassportWorld(Scene scene, LineClient daveSb, LineClient erinSb)
        {
            Scene = scene;
            _daveSb = daveSb;
            _erinSb = erinSb;
            var trust = PinnedCertificate.FromPemFile(Path.Combine(scene.Server.DataDirectory, CertificateProvider.PemFileName));
            _http = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
            })
            { Timeout = TimeSpan.FromSeconds(120) };
            _baseUrl = $"https://127.0.0.1:{scene.Server.Host.Endpoints.HttpsPort}";
        }

        public Scene Scene { get; }

        public static async Task<PassportWorld> StartAsync(Scene scene)
        {
            // Dave and Erin sign in by MD5 (MSNP7), which needs no password hash.
            var dave = await scene.SignInAsync("dave", "MSNP7");
            var erin = await scene.SignInAsync("erin", "MSNP7");
            await Chat.GoOnlineAsync(dave);
            await Chat.GoOnlineAsync(erin);
            var daveSb = await Chat.OpenAsync(scene.Server, dave, Scene.Email("dave"));
            var erinSb = await Chat.InviteAsync(scene.Server, daveSb, 2, erin, Scene.Email("erin"));
            return new PassportWorld(scene, daveSb, erinSb);
        }

        public async Task<HttpResponseMessage> LoginAsync(string name, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _baseUrl + "/login2.srf");
            request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(Scene.Email(name), password));
            return await _http.SendAsync(request);
        }

        public async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)> RstAsync(string name, string password, string path = "/RST.srf")
        {
            using var content = new StringContent(RstEndpointTests.Envelope(Scene.Email(name), password, "http://Passport.NET/tb", "messenger.msn.com"), Encoding.UTF8, "text/xml");
            using var response = await _http.PostAsync(_baseUrl + path, content);
            return (response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync());
        }

        public async Task AssertStillRelayingAsync()
        {
            int trId = Interlocked.Increment(ref _trId);
            var text = $"still here {trId}";
            await Chat.SendTextAsync(_daveSb, trId, 'A', text);
            var (sender, _, payload) = await Chat.ReceiveAsync(_erinSb);
            Assert.Equal(Scene.Email("dave"), sender);
            Assert.EndsWith(text, Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
            Assert.Equal($"ACK {trId}", await _daveSb.ReadLineAsync());
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _daveSb.DisposeAsync();
            await _erinSb.DisposeAsync();
            await Scene.DisposeAsync();
        }
    }
}
