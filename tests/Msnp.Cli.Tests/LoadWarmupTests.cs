using System.CommandLine;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;
using Msnp.Load.Scenarios;
using Msnp.Load.Targets;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests;

/// <summary>The warm-up before a load run's measured window (<c>msnp load signin --warmup</c>).</summary>
public class LoadWarmupTests
{
    [Theory]
    [InlineData("auto", null)]
    [InlineData(" AUTO ", null)]
    [InlineData("0", 0.0)]
    [InlineData("2.5", 2.5)]
    [InlineData("600", 600.0)]
    public void Parse_reads_auto_or_seconds(string text, double? seconds)
    {
        var warmup = Warmup.Parse(text, 600);

        Assert.NotNull(warmup);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, warmup.Fixed);
        Assert.Equal(seconds == 0, warmup.IsNone);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_refuses_anything_else(string? text) => Assert.Null(Warmup.Parse(text, 600));

    [Fact]
    public async Task Sign_ins_of_the_warm_up_are_reported_apart_from_the_measured_ones()
    {
        await using var target = await InProcessTarget.StartAsync(StorageOptions.MinimumPasswordIterations, CancellationToken.None);
        var progress = new LoadProgress();

        var report = await SignInScenario.RunAsync(target, new SignInSettings(4, 2, TimeSpan.FromSeconds(60), MaxSignIns: 10, Warmup: Warmup.For(TimeSpan.FromSeconds(1))), progress, CancellationToken.None);

        Assert.True(report.Errors == 0, ReportWriter.ToText(report));
        Assert.Equal(10, report.Operations);
        Assert.Equal(10, report.Latency.Count);
        var line = Assert.Single(report.Details, d => d.Key == "warm-up").Value;
        var warmedUp = long.Parse(line.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(10 + warmedUp, progress.Completed);
        Assert.Contains("warmup=1", ReportWriter.ToText(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("601")]
    [InlineData("later")]
    public async Task A_bad_warmup_is_a_usage_error(string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(["load", "signin", "--warmup", value], new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--warmup must be auto or between 0 and 600 seconds.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }
}
