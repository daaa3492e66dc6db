using System.Diagnostics;
using Msnp.Load.Metrics;

namespace Msnp.Cli.Tests.Load;

public class LatencySummaryTests
{
    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.99, 99)]
    [InlineData(0.999, 100)]
    [InlineData(1.0, 100)]
    [InlineData(0.0, 1)]
    [InlineData(0.011, 2)]
    public void Nearest_rank_over_one_to_a_hundred(double p, long expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (long)i).ToArray();

        Assert.Equal(expected, LatencySummary.Percentile(sorted, p));
    }

    [Fact]
    public void The_999th_of_a_thousand_is_its_own_rank()
    {
        var sorted = Enumerable.Range(1, 1000).Select(i => (long)i).ToArray();

        Assert.Equal(999, LatencySummary.Percentile(sorted, 0.999));
        Assert.Equal(990, LatencySummary.Percentile(sorted, 0.99));
    }

    [Fact]
    public void Unsorted_samples_from_several_workers_are_merged_and_sorted()
    {
        var a = new LatencySamples();
        var b = new LatencySamples();
        var ms = Stopwatch.Frequency / 1000;
        foreach (var v in new[] { 5, 1, 3 })
        {
            a.Add(v * ms);
        }

        for (var v = 2000; v >= 1; v--)
        {
            b.Add(10 * ms);
        }

        var summary = LatencySamples.Summarize([a, b]);

        Assert.Equal(2003, summary.Count);
        Assert.Equal(10_000, summary.P50, 3);
        Assert.Equal(10_000, summary.Max, 3);
        Assert.Equal(10_000, summary.P999, 3);
    }

    [Fact]
    public void The_tail_shows_a_single_slow_sample()
    {
        var samples = new LatencySamples();
        var us = Stopwatch.Frequency / 1_000_000.0;
        for (var i = 0; i < 999; i++)
        {
            samples.Add((long)(100 * us));
        }

        samples.Add((long)(50_000 * us));

        var summary = LatencySamples.Summarize([samples]);

        Assert.Equal(100, summary.P99, 0);
        Assert.Equal(100, summary.P999, 0);
        Assert.Equal(50_000, summary.Max, 0);
    }

    [Fact]
    public void No_samples_give_an_empty_summary_and_no_percentile()
    {
        Assert.Equal(LatencySummary.Empty, LatencySamples.Summarize([new LatencySamples()]));
        Assert.Throws<ArgumentException>(() => LatencySummary.Percentile([], 0.5));
    }
}
