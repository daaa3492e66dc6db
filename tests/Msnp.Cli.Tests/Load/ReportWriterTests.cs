using System.Text.Json;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;

namespace Msnp.Cli.Tests.Load;

public class ReportWriterTests
{
    private static readonly LoadReport Clean = new()
    {
        Scenario = "relay",
        Settings = [new("pairs", "8")],
        OperationName = "messages",
        Seconds = 2,
        Operations = 1000,
        Sent = 1000,
        Delivered = 1000,
        Bytes = 2048,
        Latency = new LatencySummary(1000, 100, 900, 990, 1000),
        Runtime = new RuntimeCounters(64_000, 3, 1, 0),
    };

    [Fact]
    public void Rates_divide_by_the_measured_time()
    {
        Assert.Equal(500, Clean.OperationsPerSecond);
        Assert.Equal(1024, Clean.BytesPerSecond);
        Assert.True(Clean.Consistent);
    }

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 1, 0, 0)]
    [InlineData(0, 0, 1, 0)]
    [InlineData(0, 0, 0, 1)]
    public void Any_loss_disorder_repeat_or_error_is_inconsistent(long lost, long reordered, long duplicates, long errors)
    {
        var report = Clean with { Lost = lost, Reordered = reordered, Duplicates = duplicates, Errors = errors };

        Assert.False(report.Consistent);
        Assert.Contains("INCONSISTENT", ReportWriter.ToText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_delivered_than_sent_is_inconsistent()
    {
        Assert.False((Clean with { Delivered = 999 }).Consistent);
    }

    [Fact]
    public void Json_carries_every_figure()
    {
        using var json = JsonDocument.Parse(ReportWriter.ToJson(Clean));
        var root = json.RootElement;

        Assert.Equal("relay", root.GetProperty("scenario").GetString());
        Assert.Equal("8", root.GetProperty("settings").GetProperty("pairs").GetString());
        Assert.Equal(500, root.GetProperty("operationsPerSecond").GetDouble());
        Assert.Equal(1000, root.GetProperty("delivered").GetInt64());
        Assert.True(root.GetProperty("consistent").GetBoolean());
        Assert.Equal(990, root.GetProperty("latencyMicroseconds").GetProperty("p999").GetDouble());
        Assert.Equal(64, root.GetProperty("allocatedBytesPerOperation").GetDouble());
        Assert.Equal(3, root.GetProperty("collections").GetProperty("gen0").GetInt32());
    }

    [Fact]
    public void Text_shows_the_rate_and_latency_in_milliseconds()
    {
        var text = ReportWriter.ToText(Clean);

        Assert.Contains("= 500/s", text, StringComparison.Ordinal);
        Assert.Contains("p50 0.100 ms", text, StringComparison.Ordinal);
        Assert.Contains("p99.9 0.990 ms", text, StringComparison.Ordinal);
        Assert.Contains("consistent", text, StringComparison.Ordinal);
        Assert.Contains("64 B/op", text, StringComparison.Ordinal);
        Assert.DoesNotContain("B/op", ReportWriter.ToText(Clean with { Runtime = default }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ceiling_gives_the_ratio_and_a_ceiling_run_that_lost_a_message_makes_the_report_inconsistent()
    {
        var ceiling = Clean with { Seconds = 1 };
        var report = Clean with { Ceiling = ceiling, LoadAverage = new LoadAverage(1.25, 2.5) };

        Assert.Equal(0.5, report.CeilingRatio);
        Assert.True(report.Consistent);
        var text = ReportWriter.ToText(report);
        Assert.Contains("0.500 of the ceiling", text, StringComparison.Ordinal);
        Assert.Contains("1.25 at the start, 2.50 at the end", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));
        Assert.Equal(0.5, json.RootElement.GetProperty("ratioToCeiling").GetDouble());
        Assert.Equal(1000, json.RootElement.GetProperty("ceiling").GetProperty("operationsPerSecond").GetDouble());
        Assert.Equal(2.5, json.RootElement.GetProperty("loadAverage").GetProperty("end").GetDouble());

        var lossy = Clean with { Ceiling = ceiling with { Lost = 1, Delivered = 999 } };
        Assert.False(lossy.Consistent);
        Assert.Contains("INCONSISTENT", ReportWriter.ToText(lossy), StringComparison.Ordinal);
        Assert.Null(Clean.CeilingRatio);
        Assert.DoesNotContain("ceiling", ReportWriter.ToText(Clean), StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_of_a_separate_server_has_no_managed_figure_and_names_the_process()
    {
        var report = Clean with
        {
            Scenario = "idle",
            Memory = new MemoryUse(10_000, null, 200L * 1024 * 1024, 260L * 1024 * 1024, "server process 42"),
            Details = [new("pings", "20,000 answered")],
        };

        using var json = JsonDocument.Parse(ReportWriter.ToJson(report));
        var memory = json.RootElement.GetProperty("memory");
        Assert.Equal("server process 42", memory.GetProperty("measured").GetString());
        Assert.False(memory.TryGetProperty("managedBytes", out _));
        Assert.Equal(260L * 1024 * 1024, memory.GetProperty("residentTotalBytes").GetInt64());
        Assert.Equal(200.0 * 1024 * 1024 / 10_000, memory.GetProperty("residentBytesPerConnection").GetDouble());
        Assert.Equal("20,000 answered", json.RootElement.GetProperty("details").GetProperty("pings").GetString());

        var text = ReportWriter.ToText(report);
        Assert.Contains("260.0 MiB resident in total", text, StringComparison.Ordinal);
        Assert.Contains("20,972 B/connection resident (server process 42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("managed", text, StringComparison.Ordinal);
        Assert.Contains("pings", text, StringComparison.Ordinal);
    }
}
