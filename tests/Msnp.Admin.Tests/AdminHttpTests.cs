using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Msnp.Admin.Tests.Support;
using Msnp.Client.Events;
using Msnp.Server.Admin.Storage;

namespace Msnp.Admin.Tests;

/// <summary>The admin listener over real HTTP: authentication, lock-out, CSRF, validation, the API, health and metrics.</summary>
public sealed class AdminHttpTests
{
    private const string Alice = "alice@example.com";

    [Theory]
    [InlineData("/api/online")]
    [InlineData("/api/status")]
    [InlineData("/live")]
    [InlineData("/")]
    [InlineData("/accounts")]
    [InlineData("/sessions")]
    [InlineData("/audit")]
    public async Task Unauthenticated_requests_get_401_and_no_data(string path)
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using var client = await server.SignInAsync(Alice);
        using var http = server.Http();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("alice", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unauthenticated_posts_and_wrong_tokens_get_401_and_change_nothing()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using var client = await server.SignInAsync(Alice);
        using var http = server.Http();

        using (var kick = await http.PostAsync("/sessions?handler=Kick", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Alice })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, kick.StatusCode);
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('0', 64));
        using (var api = await http.PostAsJsonAsync("/api/kick", new { email = Alice }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        Assert.True(client.IsSignedIn);
        Assert.Single(server.Host.Operators.Services!.GetRequiredServiceOf<Msnp.Server.Admin.Operations.OnlineSessions>().List());
    }

    [Fact]
    public async Task The_console_cookie_does_not_open_the_api_and_the_token_does_not_open_the_console()
    {
        await using var server = await AdminServer.StartAsync();
        using var console = await server.SignedInHttpAsync();
        using (var api = await console.GetAsync("/api/online"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        using var token = server.Http();
        token.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        using (var page = await token.GetAsync("/sessions"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        }

        using var ok = await token.GetAsync("/api/online");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Parallel_guesses_are_reserved_before_the_password_check_so_no_more_than_the_limit_are_verified()
    {
        await using var server = await AdminServer.StartAsync(o => o.Admin.LockoutFailures = 3);
        const int Guesses = 12;
        var clients = Enumerable.Range(0, Guesses).Select(_ => server.Http()).ToArray();
        try
        {
            // Each client holds its form token first, so the twelve posts reach the server together.
            var tokens = await Task.WhenAll(clients.Select(c => AdminServer.FormTokenAsync(c, "/login")));
            var posts = clients.Select((c, i) => c.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = AdminServer.AdminName,
                ["Password"] = "wrong password " + i,
                ["__RequestVerificationToken"] = tokens[i],
            })));
            var answers = await Task.WhenAll(posts);
            var statuses = answers.Select(a => a.StatusCode).ToArray();
            foreach (var answer in answers)
            {
                answer.Dispose();
            }

            // Only as many passwords as the limit allows were checked; every other guess was refused unchecked.
            Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
            Assert.Equal(Guesses - 3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
            var audit = await server.Host.Operators.Store.ListAuditAsync(50);
            Assert.Equal(3, audit.Count(e => e.Action == "sign-in-failed"));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_name_out_even_for_the_right_password()
    {
        await using var server = await AdminServer.StartAsync(o => o.Admin.LockoutFailures = 3);
        using var http = server.Http();

        for (int i = 0; i < 3; i++)
        {
            using var wrong = await AdminServer.PostLoginAsync(http, AdminServer.AdminName, "wrong password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Wrong name or password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var locked = await AdminServer.PostLoginAsync(http, AdminServer.AdminName, AdminServer.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audit = await server.Host.Operators.Store.ListAuditAsync(10);
        Assert.Equal(3, audit.Count(e => e.Action == "sign-in-failed"));
        Assert.Contains(audit, e => e.Action == "sign-in-locked");
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using var client = await server.SignInAsync(Alice);
        using var http = await server.SignedInHttpAsync();

        using var response = await http.PostAsync("/sessions?handler=Kick", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Alice }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(client.IsSignedIn);
    }

    [Theory]
    [InlineData("/accounts", "Create", "email", "not-an-email", "Enter a valid email address.")]
    [InlineData("/broadcast", "Message", "text", "", "The message must be")]
    [InlineData("/broadcast", "Maintenance", "minutes", "soon", "Minutes must be a whole number")]
    [InlineData("/broadcast", "Maintenance", "minutes", "0", "Minutes must be a whole number")]
    [InlineData("/administrators", "Add", "name", "bad name!", "An administrator name is")]
    public async Task Forms_reject_invalid_input_with_400_and_a_message(string page, string handler, string field, string value, string message)
    {
        await using var server = await AdminServer.StartAsync();
        using var http = await server.SignedInHttpAsync();

        using var response = await AdminServer.PostFormAsync(http, page, handler, (field, value), ("password", "long enough pw"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/broadcast", "{\"text\":\"two\\nlines\"}")]
    [InlineData("/api/broadcast", "{\"text\":\"\"}")]
    [InlineData("/api/maintenance", "{\"minutes\":100000}")]
    [InlineData("/api/kick", "{\"email\":\"\"}")]
    [InlineData("/api/admins", "{\"name\":\"x\",\"password\":\"short\"}")]
    [InlineData("/api/kick", "not json")]
    public async Task The_api_rejects_invalid_input_with_400(string path, string json)
    {
        await using var server = await AdminServer.StartAsync();
        using var http = server.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);

        using var response = await http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_removed()
    {
        await using var server = await AdminServer.StartAsync();
        using var http = await server.SignedInHttpAsync();

        using var response = await AdminServer.PostFormAsync(http, "/administrators", "Remove", ("name", AdminServer.AdminName));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is the last administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await server.Host.Operators.Store.ListAdminsAsync());

        // With a second one, removing the first works, and the second is then the last.
        Assert.True(await server.Host.Operators.Store.AddAdminAsync("second", "second password"));
        using (var removed = await AdminServer.PostFormAsync(http, "/administrators", "Remove", ("name", AdminServer.AdminName)))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal(RemoveAdminResult.LastAdministrator, await server.Host.Operators.Store.RemoveAdminAsync("second"));
    }

    [Fact]
    public async Task Disabling_an_account_signs_it_out_and_refuses_sign_in_until_enabled()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using var client = await server.SignInAsync(Alice);
        var signedOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SignedOut += (_, e) => signedOut.TrySetResult(e);
        using var http = server.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);

        using (var disable = await http.PostAsJsonAsync("/api/accounts/disable", new { email = Alice }))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        await signedOut.Task.Within();
        await using (var refused = new Msnp.Client.MsnpClient(server.ClientOptions(Alice)))
        {
            await Assert.ThrowsAsync<Msnp.Client.MsnpAuthenticationException>(() => refused.SignInAsync());
        }

        await using (var md5 = new Msnp.Client.MsnpClient(server.ClientOptions(Alice, dialect: Msnp.Protocol.Dialects.MsnpDialect.Msnp7)))
        {
            var error = await Assert.ThrowsAsync<Msnp.Client.MsnpException>(() => md5.SignInAsync());
            Assert.Equal(Msnp.Protocol.Errors.MsnpErrorCode.AuthenticationFailed, error.Code);
        }

        using (var enable = await http.PostAsJsonAsync("/api/accounts/enable", new { email = Alice }))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        }

        await using var again = await server.SignInAsync(Alice);
        Assert.True(again.IsSignedIn);
        var actions = (await server.Host.Operators.Store.ListAuditAsync(10)).Select(e => e.Action).ToList();
        Assert.Contains("disable", actions);
        Assert.Contains("enable", actions);
    }

    [Fact]
    public async Task Health_checks_answer_without_credentials()
    {
        await using var server = await AdminServer.StartAsync();
        using var http = server.Http();

        using var live = await http.GetAsync("/health/live");
        using var ready = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_scraped_with_msnp_names_after_real_traffic()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using (var client = await server.SignInAsync(Alice))
        {
            Assert.True(client.IsSignedIn);
        }

        await using (var wrong = new Msnp.Client.MsnpClient(server.ClientOptions(Alice, "wrong")))
        {
            await Assert.ThrowsAsync<Msnp.Client.MsnpAuthenticationException>(() => wrong.SignInAsync());
        }

        using var http = server.Http();
        var text = await http.GetStringAsync("/metrics");

        Assert.Contains("msnp_signins_total{", text, StringComparison.Ordinal);
        Assert.Matches("msnp_signins_total\\{[^}]*dialect=\"MSNP8\"[^}]*result=\"ok\"[^}]*\\} [1-9]", text);
        Assert.Matches("msnp_passport_verifications_total\\{[^}]*kind=\"login\"[^}]*result=\"failed\"[^}]*\\} [1-9]", text);
        Assert.Matches("msnp_received_bytes_total(\\{[^}]*\\})? [1-9]", text);
        Assert.Matches("msnp_sent_bytes_total(\\{[^}]*\\})? [1-9]", text);
        Assert.Contains("msnp_sessions", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_loopback_bind_without_tls_is_refused_before_anything_listens()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AdminServer.StartAsync(o => o.Admin.BindAddress = "0.0.0.0"));

        Assert.Contains("without TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_tls_the_console_serves_https_with_the_server_certificate_and_secure_cookies()
    {
        await using var server = await AdminServer.StartAsync(o => o.Admin.UseTls = true);
        Assert.Equal("https", server.Url.Scheme);
        using var trusted = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(server.Server.DataDirectory, "passport.crt")));
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == trusted.Thumbprint,
        };
        using var http = new HttpClient(handler) { BaseAddress = server.Url };

        using var response = await AdminServer.PostLoginAsync(http, AdminServer.AdminName, AdminServer.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = string.Join("\n", response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("__Host-msnp-admin=", setCookie, StringComparison.Ordinal);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
    }
}
