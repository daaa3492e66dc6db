using System.CommandLine;
using System.Text.Json;
using Msnp.Load.Metrics;
using Msnp.Load.Scenarios;

namespace Msnp.Cli.Tests.Load;

/// <summary>Each scenario once, with tiny bounds, against a real in-process server.</summary>
public class ScenarioRunTests
{
    [Fact]
    public async Task Relay_delivers_every_message_once_and_in_order()
    {
        await using var target = await InProcessTarget.StartAsync(CancellationToken.None);

        var report = await RelayScenario.RunAsync(target, new RelaySettings(2, 300, TimeSpan.FromSeconds(5), MaxMessages: 500), new LoadProgress(), CancellationToken.None);

        Assert.Equal(1000, report.Sent);
        Assert.Equal(report.Sent, report.Delivered);
        Assert.Equal(report.Delivered, report.Operations);
        Assert.Equal(report.Delivered, report.Latency.Count);
        Assert.Equal(300 * report.Delivered, report.Bytes);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Relay_with_a_small_window_still_delivers_everything()
    {
        await using var target = await InProcessTarget.StartAsync(CancellationToken.None);

        var report = await RelayScenario.RunAsync(target, new RelaySettings(1, 200, TimeSpan.FromSeconds(5), MaxMessages: 300, Window: 4), new LoadProgress(), CancellationToken.None);

        Assert.Equal(300, report.Delivered);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Roundtrip_counts_one_ack_per_message()
    {
        await using var target = await InProcessTarget.StartAsync(CancellationToken.None);

        var report = await RoundTripScenario.RunAsync(target, new RoundTripSettings(3, 128, TimeSpan.FromSeconds(5), MaxRoundTrips: 50), new LoadProgress(), CancellationToken.None);

        Assert.Equal(150, report.Operations);
        Assert.Equal(150, report.Sent);
        Assert.Equal(150, report.Delivered);
        Assert.Equal(150, report.Latency.Count);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Signin_signs_in_the_requested_number_of_times()
    {
        await using var target = await InProcessTarget.StartAsync(CancellationToken.None);
        var progress = new LoadProgress();

        var report = await SignInScenario.RunAsync(target, new SignInSettings(4, 2, TimeSpan.FromSeconds(5), MaxSignIns: 20), progress, CancellationToken.None);

        Assert.Equal(20, report.Operations);
        Assert.Equal(20, progress.Completed);
        Assert.Equal(0, report.Errors);
        Assert.True(report.Latency.P50 > 0);
    }

    [Fact]
    public async Task Idle_holds_every_connection_and_measures_memory_per_connection()
    {
        await using var target = await InProcessTarget.StartAsync(CancellationToken.None);

        var report = await IdleScenario.RunAsync(target, new IdleSettings(3, TimeSpan.FromMilliseconds(100)), new LoadProgress(), CancellationToken.None);

        Assert.Equal(3, report.Operations);
        Assert.Equal(0, report.Errors);
        Assert.Equal(3, report.Memory!.Connections);
        Assert.Equal(report.Memory.ManagedBytes / 3.0, report.Memory.ManagedPerConnection);
        Assert.Contains("B/connection managed", Msnp.Load.Reporting.ReportWriter.ToText(report), StringComparison.Ordinal);
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
    }

    [Theory]
    [InlineData("relay", "--size", "10")]
    [InlineData("relay", "--size", "5000")]
    [InlineData("roundtrip", "--pairs", "0")]
    [InlineData("signin", "--users", "0")]
    [InlineData("idle", "--connections", "0")]
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
