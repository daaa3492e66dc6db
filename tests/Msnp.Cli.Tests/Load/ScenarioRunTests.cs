using System.CommandLine;
using System.Text.Json;
using Msnp.Load.Metrics;
using Msnp.Load.Scenarios;
using Msnp.Load.Targets;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests.Load;

/// <summary>Each scenario once, with tiny bounds, against a real in-process server.</summary>
public class ScenarioRunTests
{
    private static Task<InProcessTarget> StartAsync() => InProcessTarget.StartAsync(StorageOptions.MinimumPasswordIterations, CancellationToken.None);

    [Fact]
    public async Task Relay_delivers_every_message_once_and_in_order()
    {
        await using var target = await StartAsync();

        var report = await RelayScenario.RunAsync(target, new RelaySettings(2, 300, TimeSpan.FromSeconds(5), MaxMessages: 500), new LoadProgress(), CancellationToken.None);

        Assert.Equal(1000, report.Sent);
        Assert.Equal(report.Sent, report.Delivered);
        Assert.Equal(report.Delivered, report.Operations);
        Assert.Equal(report.Delivered, report.Latency.Count);
        Assert.Equal(300 * report.Delivered, report.Bytes);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task A_relay_warm_up_runs_on_the_same_sessions_is_checked_and_stays_out_of_the_figures()
    {
        await using var target = await StartAsync();

        var report = await RelayScenario.RunAsync(
            target, new RelaySettings(2, 300, TimeSpan.FromSeconds(30), MaxMessages: 500, Warmup: Warmup.For(TimeSpan.FromSeconds(1))), new LoadProgress(), CancellationToken.None);

        // The warm-up sent for a second without a count; the measured part is exactly the count.
        Assert.Equal(1000, report.Sent);
        Assert.Equal(report.Sent, report.Delivered);
        Assert.Equal(report.Delivered, report.Latency.Count);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
        var warm = Assert.Single(report.Details, d => d.Key == "warm-up").Value;
        Assert.Matches(@"^[\d,]+ messages in [\d.]+ s, each once and in order", warm);
        Assert.Contains(report.Settings, s => s.Key == "warmup" && s.Value == "1");
    }

    [Fact]
    public async Task Relay_with_a_small_window_still_delivers_everything()
    {
        await using var target = await StartAsync();

        var report = await RelayScenario.RunAsync(target, new RelaySettings(1, 200, TimeSpan.FromSeconds(5), MaxMessages: 300, Window: 4), new LoadProgress(), CancellationToken.None);

        Assert.Equal(300, report.Delivered);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Roundtrip_counts_one_ack_per_message()
    {
        await using var target = await StartAsync();

        var report = await RoundTripScenario.RunAsync(target, new RoundTripSettings(3, 128, TimeSpan.FromSeconds(5), MaxRoundTrips: 50), new LoadProgress(), CancellationToken.None);

        Assert.Equal(150, report.Operations);
        Assert.Equal(150, report.Sent);
        Assert.Equal(150, report.Delivered);
        Assert.Equal(150, report.Latency.Count);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task A_roundtrip_warm_up_runs_on_the_same_sessions_is_checked_and_stays_out_of_the_figures()
    {
        await using var target = await StartAsync();

        var report = await RoundTripScenario.RunAsync(
            target, new RoundTripSettings(2, 128, TimeSpan.FromSeconds(30), MaxRoundTrips: 40, Warmup: Warmup.For(TimeSpan.FromSeconds(1))), new LoadProgress(), CancellationToken.None);

        // The warm-up went on for a second without a count; the measured part is exactly the count.
        Assert.Equal(80, report.Operations);
        Assert.Equal(80, report.Sent);
        Assert.Equal(80, report.Delivered);
        Assert.Equal(80, report.Latency.Count);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
        var warm = Assert.Single(report.Details, d => d.Key == "warm-up").Value;
        Assert.Matches(@"^[\d,]+ round trips in [\d.]+ s, each acknowledged and delivered once, in order", warm);
        Assert.Contains(report.Settings, s => s.Key == "warmup" && s.Value == "1");
    }

    [Fact]
    public async Task Signin_signs_in_the_requested_number_of_times()
    {
        await using var target = await StartAsync();
        var progress = new LoadProgress();

        var report = await SignInScenario.RunAsync(target, new SignInSettings(4, 2, TimeSpan.FromSeconds(5), MaxSignIns: 20), progress, CancellationToken.None);

        Assert.Equal(20, report.Operations);
        Assert.Equal(20, progress.Completed);
        Assert.Equal(0, report.Errors);
        Assert.True(report.Latency.P50 > 0);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(18)]
    public async Task Signin_at_a_windows_live_version_goes_through_sso_the_address_book_and_adl(int version)
    {
        await using var target = await InProcessTarget.StartAsync(StorageOptions.MinimumPasswordIterations, Msnp.Protocol.Dialects.MsnpDialect.FromVersion(version), CancellationToken.None);

        var report = await SignInScenario.RunAsync(target, new SignInSettings(4, 2, TimeSpan.FromSeconds(60), MaxSignIns: 12), new LoadProgress(), CancellationToken.None);

        Assert.True(report.Errors == 0, Msnp.Load.Reporting.ReportWriter.ToText(report));
        Assert.Equal(12, report.Operations);
    }

    [Fact]
    public async Task Relay_at_msnp18_signs_its_pairs_in_with_sso_and_delivers_everything()
    {
        await using var target = await InProcessTarget.StartAsync(StorageOptions.MinimumPasswordIterations, Msnp.Protocol.Dialects.MsnpDialect.FromVersion(18), CancellationToken.None);

        var report = await RelayScenario.RunAsync(target, new RelaySettings(2, 300, TimeSpan.FromSeconds(30), MaxMessages: 200), new LoadProgress(), CancellationToken.None);

        Assert.Equal(400, report.Delivered);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Idle_holds_every_connection_and_measures_memory_per_connection()
    {
        await using var target = await StartAsync();

        var report = await IdleScenario.RunAsync(target, new IdleSettings(3, TimeSpan.FromMilliseconds(100), TimeSpan.Zero), new LoadProgress(), CancellationToken.None);

        Assert.Equal(3, report.Operations);
        Assert.Equal(0, report.Errors);
        Assert.Equal(3, report.Memory!.Connections);
        Assert.Equal(report.Memory.ManagedBytes / 3.0, report.Memory.ManagedPerConnection);
        Assert.Equal(OperatingSystem.IsLinux(), report.Memory.ResidentTotalBytes > 0);
        Assert.Contains("B/connection managed", Msnp.Load.Reporting.ReportWriter.ToText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_connections_ping_while_held()
    {
        await using var target = await StartAsync();

        // Connection i is due at i × 25 ms + k × 100 ms: every one pings at least once, at most ten times.
        var report = await IdleScenario.RunAsync(target, new IdleSettings(4, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)), new LoadProgress(), CancellationToken.None);

        Assert.Equal(0, report.Errors);
        var pings = Assert.Single(report.Details, d => d.Key == "pings").Value;
        var answered = long.Parse(pings.Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(answered, 4, 40);
        Assert.Contains("0 failed", pings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presence_reaches_every_contact_for_every_change_in_order()
    {
        await using var target = await StartAsync();
        var progress = new LoadProgress();

        var report = await PresenceScenario.RunAsync(target, new PresenceSettings(20, 9, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)), progress, CancellationToken.None);

        Assert.Equal(9, report.Operations);
        Assert.Equal(9, report.Latency.Count);
        Assert.Equal(9, progress.Completed);
        Assert.Equal(0, report.Errors);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
        Assert.Contains("180 (", Assert.Single(report.Details, d => d.Key == "NLN read").Value, StringComparison.Ordinal);

        // The in-process server's NS command burst covers the subject's commands (StartAsync keeps the default 100).
        Assert.StartsWith("no change waited", Assert.Single(report.Details, d => d.Key == "pacer").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presence_warm_up_changes_are_delivered_and_checked_but_not_measured()
    {
        await using var target = await StartAsync();
        var progress = new LoadProgress();

        var report = await PresenceScenario.RunAsync(target, new PresenceSettings(10, 5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), Warmup: Warmup.For(TimeSpan.FromSeconds(0.5))), progress, CancellationToken.None);

        Assert.Equal(5, report.Operations);
        Assert.Equal(5, report.Latency.Count);
        Assert.Equal(5, progress.Completed);
        Assert.Equal(0, report.Errors);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
        Assert.Contains("50 (", Assert.Single(report.Details, d => d.Key == "NLN read").Value, StringComparison.Ordinal);

        // Changes went on for the warm-up's half second before the five measured ones; none was lost or extra.
        var warmup = Assert.Single(report.Details, d => d.Key == "warm-up").Value;
        Assert.Matches(@"^[1-9][\d,]* changes in \d+\.\d\d s first, delivered and checked but not in the figures$", warmup);
        Assert.Contains(new KeyValuePair<string, string>("warmup", "0.5"), report.Settings);
    }

    [Fact]
    public async Task Passport_signin_checks_the_password_over_https()
    {
        await using var target = await StartAsync();

        var report = await SignInScenario.RunAsync(target, new SignInSettings(2, 2, TimeSpan.FromSeconds(30), MaxSignIns: 4, Login: SignInLogin.Passport), new LoadProgress(), CancellationToken.None);

        Assert.Equal(4, report.Operations);
        Assert.Equal(0, report.Errors);
        Assert.Equal("logins", report.OperationName);
        Assert.Contains(new KeyValuePair<string, string>("login", "passport"), report.Settings);
    }

    [Theory]
    [InlineData(StormLogin.Md5, 30)]
    [InlineData(StormLogin.Passport, 6)]
    public async Task A_storm_brings_every_user_online_in_every_round(StormLogin login, int users)
    {
        await using var target = await StartAsync();
        var progress = new LoadProgress();

        var report = await StormScenario.RunAsync(target, new StormSettings(users, login, HttpConnections: 2, Rounds: 2, TimeSpan.FromSeconds(120)), progress, CancellationToken.None);

        Assert.True(report.Errors == 0, Msnp.Load.Reporting.ReportWriter.ToText(report));
        Assert.Equal(users, report.Operations);
        Assert.Equal(2 * users, progress.Completed);
        Assert.Equal(users, report.Latency.Count);
        Assert.True(report.Seconds > 0);
        Assert.StartsWith($"{users} of {users} online after ", report.Details.Single(d => d.Key == "round 2").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_server_is_driven_through_its_dispatch_port_and_data_directory()
    {
        await using var server = await TestServer.StartAsync();
        var dispatch = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.Host.Endpoints.DispatchPort);
        await using var target = await ExternalTarget.ConnectAsync(
            new ExternalTargetSettings(dispatch, server.DataDirectory, null, Environment.ProcessId, StorageOptions.MinimumPasswordIterations), CancellationToken.None);

        Assert.Equal(server.Host.Endpoints.NotificationPort, target.Notification.Port);
        var report = await SignInScenario.RunAsync(target, new SignInSettings(3, 3, TimeSpan.FromSeconds(30), MaxSignIns: 9), new LoadProgress(), CancellationToken.None);
        Assert.Equal(9, report.Operations);
        Assert.Equal(0, report.Errors);

        // A second run finds the accounts from the first and reuses them.
        var again = await SignInScenario.RunAsync(target, new SignInSettings(3, 3, TimeSpan.FromSeconds(30), MaxSignIns: 3), new LoadProgress(), CancellationToken.None);
        Assert.Equal(3, again.Operations);
        Assert.Equal(0, again.Errors);
    }

    [Fact]
    public async Task A_data_directory_without_the_servers_ticket_key_is_refused()
    {
        var empty = Path.Combine(Path.GetTempPath(), "msnp-load-empty-" + Guid.NewGuid().ToString("N"));
        var settings = new ExternalTargetSettings(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), empty, null, null, StorageOptions.MinimumPasswordIterations);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ExternalTarget.ConnectAsync(settings, CancellationToken.None));

        Assert.Contains("passport-ticket.key", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public void Resident_memory_is_read_from_proc_on_linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), MemoryUse.ResidentNow() > 0);
    }

    [Fact]
    public async Task The_cli_runs_a_short_relay_and_prints_json()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(
            ["load", "relay", "--pairs", "1", "--duration", "1", "--json"],
            new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.True(root.GetProperty("delivered").GetInt64() > 0);
        Assert.Equal(root.GetProperty("sent").GetInt64(), root.GetProperty("delivered").GetInt64());
        Assert.True(root.GetProperty("consistent").GetBoolean());
        Assert.True(root.GetProperty("serverInProcess").GetBoolean());
    }

    [Fact]
    public async Task The_cli_runs_presence_against_a_running_server()
    {
        await using var server = await TestServer.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(
            ["load", "presence", "--server", $"127.0.0.1:{server.Host.Endpoints.NotificationPort}", "--data", server.DataDirectory, "--contacts", "5", "--changes", "3", "--warmup", "0", "--json"],
            new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("presence", root.GetProperty("scenario").GetString());
        Assert.Equal(3, root.GetProperty("operations").GetInt64());
        Assert.Equal(3, root.GetProperty("latencyMicroseconds").GetProperty("count").GetInt64());
        Assert.StartsWith("15 (", root.GetProperty("details").GetProperty("NLN read").GetString(), StringComparison.Ordinal);

        // The tool was not told the server's process (--server-pid), so its figures are the load side's alone.
        Assert.False(root.GetProperty("serverInProcess").GetBoolean());
    }

    [Theory]
    [InlineData("relay", "--size", "10")]
    [InlineData("relay", "--size", "5000")]
    [InlineData("roundtrip", "--pairs", "0")]
    [InlineData("signin", "--users", "0")]
    [InlineData("idle", "--connections", "0")]
    [InlineData("idle", "--ping-interval", "-1")]
    [InlineData("presence", "--contacts", "0")]
    [InlineData("presence", "--changes", "0")]
    [InlineData("relay", "--duration", "0")]
    [InlineData("relay", "--warmup", "soon")]
    [InlineData("signin", "--server", "10.1.2.3:1863")]
    [InlineData("signin", "--server", "localhost")]
    [InlineData("signin", "--passport", "https://127.0.0.1:8443/login2.srf")]
    [InlineData("idle", "--server-pid", "1")]
    [InlineData("signin", "--password-iterations", "1000")]
    public async Task Out_of_range_options_are_usage_errors(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(["load", .. args], new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(args[1], error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }
}
