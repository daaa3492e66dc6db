using Microsoft.Playwright;
using Msnp.Admin.Tests.Support;
using Msnp.Client.Events;
using Msnp.Protocol.Messages;
using static Microsoft.Playwright.Assertions;

namespace Msnp.Admin.Tests;

/// <summary>The web console in a real Chromium against a real server and real MSNP clients.</summary>
[Collection("browser")]
public sealed class ConsoleBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task Signing_in_shows_a_user_who_signs_in_over_msnp_on_the_overview()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        var page = await SignInAsync(server);

        var online = page.Locator("#online-users tbody");
        await Expect(online).Not.ToContainTextAsync(Alice);

        await using var client = await server.SignInAsync(Alice);

        // The overview redraws itself from /live; no reload.
        await Expect(online).ToContainTextAsync(Alice);
        await Expect(page.Locator("[data-live=online-count]").First).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-live=by-dialect]")).ToContainTextAsync("MSNP8");
        await Expect(page.Locator("[data-live=signins]")).Not.ToHaveTextAsync("0");
    }

    [Fact]
    public async Task Kicking_a_user_sends_them_out_and_the_sessions_page_updates()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using var client = await server.SignInAsync(Alice);
        var signedOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SignedOut += (_, e) => signedOut.TrySetResult(e);

        var page = await SignInAsync(server);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();
        var row = page.Locator("#sessions tbody tr", new() { HasText = Alice });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("MSNP8");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign out {Alice}" }).ClickAsync();

        var e = await signedOut.Task.Within();
        Assert.Null(e.Reason); // a bare OUT
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Signed {Alice} out.");
        await Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Resetting_a_password_lets_the_user_sign_in_with_the_new_one_only()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        var page = await SignInAsync(server);
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();

        await page.GetByLabel($"New password for {Alice}", new() { Exact = true }).FillAsync("brand new secret");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Set new password for {Alice}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"New password set for {Alice}.");

        await using (var client = await server.SignInAsync(Alice, "brand new secret"))
        {
            Assert.True(client.IsSignedIn);
        }

        await using var old = new Msnp.Client.MsnpClient(server.ClientOptions(Alice, AdminServer.UserPassword));
        await Assert.ThrowsAsync<Msnp.Client.MsnpAuthenticationException>(() => old.SignInAsync());
    }

    [Fact]
    public async Task A_broadcast_and_a_maintenance_countdown_reach_a_signed_in_client()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync(Alice);
        await using var client = await server.SignInAsync(Alice);
        var notices = System.Threading.Channels.Channel.CreateUnbounded<SystemMessage>();
        client.SystemMessageReceived += (_, e) => notices.Writer.TryWrite(e.Message);

        var page = await SignInAsync(server);
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Broadcast" }).ClickAsync();

        await page.GetByLabel("Message to everyone online").FillAsync("Server moves to new hardware tonight");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent to 1 user.");

        var text = await notices.Reader.ReadAsync().AsTask().Within();
        Assert.Equal(2, text.Type);
        Assert.Equal("Server moves to new hardware tonight", text.GetArgument(1));

        await page.GetByLabel("Minutes until shutdown").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule shutdown" }).ClickAsync();
        var countdown = await notices.Reader.ReadAsync().AsTask().Within();
        Assert.Equal(5, countdown.MinutesUntilMaintenance);

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the shutdown" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Maintenance shutdown cancelled.");
        var schedule = (Msnp.Server.Admin.Operations.MaintenanceSchedule)server.Host.Operators.Services!.GetService(typeof(Msnp.Server.Admin.Operations.MaintenanceSchedule))!;
        Assert.Null(schedule.ShutdownAt);
    }

    [Fact]
    public async Task A_wrong_password_in_the_browser_shows_an_error_and_no_data()
    {
        await using var server = await AdminServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.Url, "/").ToString());

        // Unauthenticated: moved to the sign-in page.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.GetByLabel("Administrator name").FillAsync(AdminServer.AdminName);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong name or password.");
        await Expect(page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Every_page_fits_a_phone_screen_and_labels_every_control()
    {
        await using var server = await AdminServer.StartAsync(o => o.Admin.ChartInterval = TimeSpan.FromSeconds(1));
        await server.CreateUserAsync(Alice);
        await server.CreateUserAsync("bob@example.com");
        await using var client = await server.SignInAsync(Alice);
        await using var bob = await server.SignInAsync("bob@example.com", dialect: Msnp.Protocol.Dialects.MsnpDialect.Msnp7);
        var page = await SignInAsync(server, width: 375, height: 812);

        // The charts draw once the first sample is in.
        await Expect(page.Locator("#chart-signins polyline")).ToHaveCountAsync(1);
        var shots = Environment.GetEnvironmentVariable("MSNP_SCREENSHOT_DIR");

        foreach (var (path, name) in new[] { ("/", "overview"), ("/accounts", "accounts"), ("/sessions", "sessions"), ("/broadcast", "broadcast"), ("/administrators", "administrators"), ("/audit", "audit"), ("/login", "login") })
        {
            await page.GotoAsync(new Uri(server.Url, path).ToString());
            await Expect(page.Locator("h1")).ToBeVisibleAsync();

            // Nothing wider than the screen: wide tables scroll inside their own box.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            var wide = overflow <= 0 ? string.Empty : await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(' ')");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 375px screen: {wide}");

            // Every visible control has an accessible name (a label, aria-label or its text).
            var unnamed = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('input:not([type=hidden]), textarea, select, button')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                  .map(e => e.outerHTML)
                """);
            Assert.True(unnamed.Length == 0, $"{path}: controls without a name: {string.Join(", ", unnamed)}");

            if (shots is not null)
            {
                Directory.CreateDirectory(shots);
                await page.SetViewportSizeAsync(1100, 800);
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, name + ".png"), FullPage = true });
                await page.SetViewportSizeAsync(375, 812);
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, name + "-phone.png"), FullPage = false });
            }
        }
    }

    private async Task<IPage> SignInAsync(AdminServer server, int width = 1280, int height = 900)
    {
        var page = await chromium.NewPageAsync(width, height);
        await page.GotoAsync(new Uri(server.Url, "/login").ToString());
        await page.GetByLabel("Administrator name").FillAsync(AdminServer.AdminName);
        await page.GetByLabel("Password").FillAsync(AdminServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        return page;
    }
}
