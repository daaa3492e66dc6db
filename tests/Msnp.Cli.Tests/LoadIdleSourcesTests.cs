using Msnp.Load.Metrics;
using Msnp.Load.Scenarios;
using Msnp.Load.Targets;
using Msnp.Protocol.Dialects;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp load idle --sources</c>: the connections really come from several loopback addresses.
/// The server counts connections per address (loopback not exempt here, two per address), so
/// six connections fit only when they are spread over three sources.
/// </summary>
public class LoadIdleSourcesTests
{
    private static Task<InProcessTarget> StartAsync() => InProcessTarget.StartAsync(
        StorageOptions.MinimumPasswordIterations,
        MsnpDialect.Msnp8,
        static o =>
        {
            o.Limits.ExemptLoopback = false;
            o.Limits.MaxConnectionsPerAddress = 2;
        },
        CancellationToken.None);

    [Fact]
    public async Task Three_sources_hold_six_connections_at_two_per_address_and_each_answers_the_final_ping()
    {
        await using var target = await StartAsync();

        var report = await IdleScenario.RunAsync(target, new IdleSettings(6, TimeSpan.FromMilliseconds(100), TimeSpan.Zero, Sources: 3, FinalPingTimeout: TimeSpan.FromSeconds(30)), new LoadProgress(), CancellationToken.None);

        Assert.Equal(0, report.Errors);
        Assert.Equal(6, report.Operations);
        var final = Assert.Single(report.Details, d => d.Key == "final ping").Value;
        Assert.StartsWith("6 of 6 answered", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_source_is_refused_past_two_connections()
    {
        await using var target = await StartAsync();

        var report = await IdleScenario.RunAsync(target, new IdleSettings(6, TimeSpan.FromMilliseconds(100), TimeSpan.Zero, Sources: 1, FinalPingTimeout: TimeSpan.FromSeconds(30)), new LoadProgress(), CancellationToken.None);

        Assert.Equal(2, report.Operations);
        Assert.Equal(4, report.Errors);
    }
}
