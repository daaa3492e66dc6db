using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Msnp.Load.Forwarding;
using Msnp.Load.Metrics;
using Msnp.Load.Scenarios;
using Msnp.Load.Targets;
using Msnp.Protocol.Dialects;

namespace Msnp.Cli.Tests.Load;

/// <summary>The trivial forwarder that gives the ceiling: the unchanged scenarios run against it over real sockets.</summary>
public class ForwarderTests
{
    [Fact]
    public async Task Relay_through_the_forwarder_delivers_every_message_once_and_in_order()
    {
        await using var target = ForwarderTarget.Start(ForwarderMode.Copy, MsnpDialect.Msnp8);

        var report = await RelayScenario.RunAsync(target, new RelaySettings(2, 300, TimeSpan.FromSeconds(30), MaxMessages: 500), new LoadProgress(), CancellationToken.None);

        Assert.Equal(1000, report.Sent);
        Assert.Equal(report.Sent, report.Delivered);
        Assert.Equal(report.Delivered, report.Latency.Count);
        Assert.Equal(300 * report.Delivered, report.Bytes);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Roundtrip_through_the_forwarder_gets_one_ack_per_message()
    {
        await using var target = ForwarderTarget.Start(ForwarderMode.Acknowledge, MsnpDialect.Msnp8);

        var report = await RoundTripScenario.RunAsync(target, new RoundTripSettings(3, 128, TimeSpan.FromSeconds(30), MaxRoundTrips: 50), new LoadProgress(), CancellationToken.None);

        Assert.Equal(150, report.Operations);
        Assert.Equal(150, report.Delivered);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public async Task Relay_at_msnp12_through_the_forwarder_is_consistent()
    {
        await using var target = ForwarderTarget.Start(ForwarderMode.Copy, MsnpDialect.Msnp12);

        var report = await RelayScenario.RunAsync(target, new RelaySettings(1, 200, TimeSpan.FromSeconds(30), MaxMessages: 300, Window: 8), new LoadProgress(), CancellationToken.None);

        Assert.Equal(300, report.Delivered);
        Assert.True(report.Consistent, Msnp.Load.Reporting.ReportWriter.ToText(report));
    }

    [Fact]
    public void Acknowledging_scan_takes_complete_frames_only_and_acks_mode_a()
    {
        var bytes = Encoding.ASCII.GetBytes("MSG 10 A 3\r\nabcMSG 11 U 2\r\nxyMSG 12 N 1\r\nzMSG 13 A 5\r\nab");
        var acks = new byte[256];

        var complete = AcknowledgingCopy.Scan(new ReadOnlySequence<byte>(bytes), acks, out var ackLength, out var full);

        Assert.Equal("MSG 10 A 3\r\nabcMSG 11 U 2\r\nxyMSG 12 N 1\r\nz".Length, complete);
        Assert.Equal("ACK 10\r\n", Encoding.ASCII.GetString(acks, 0, ackLength));
        Assert.False(full);
    }

    [Fact]
    public void Acknowledging_scan_at_every_split_of_two_segments_finds_the_same_frames()
    {
        var text = "MSG 7 A 4\r\nwxyzOUT\r\nMSG 8 A 0\r\n";
        var bytes = Encoding.ASCII.GetBytes(text);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var first = new Segment(bytes.AsMemory(0, split));
            var last = first.Append(bytes.AsMemory(split));
            var acks = new byte[256];

            var complete = AcknowledgingCopy.Scan(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), acks, out var ackLength, out _);

            Assert.Equal(bytes.Length, complete);
            Assert.Equal("ACK 7\r\nACK 8\r\n", Encoding.ASCII.GetString(acks, 0, ackLength));
        }
    }

    [Fact]
    public void Acknowledging_scan_stops_when_the_ack_buffer_is_full_and_says_so()
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 10).Select(i => $"MSG {i} A 0\r\n")));

        var complete = AcknowledgingCopy.Scan(new ReadOnlySequence<byte>(bytes), new byte[32], out var ackLength, out var full);

        // Room is kept for the longest ACK (16 bytes): after three ACKs of 7 bytes, 11 are left.
        Assert.True(full);
        Assert.Equal("MSG 1 A 0\r\nMSG 2 A 0\r\nMSG 3 A 0\r\n".Length, complete);
        Assert.Equal("ACK 1\r\nACK 2\r\nACK 3\r\n".Length, ackLength);
    }

    [Fact]
    public void Acknowledging_scan_refuses_a_line_without_an_end_past_the_bound_and_a_bad_length()
    {
        var acks = new byte[64];
        Assert.Throws<InvalidDataException>(() => AcknowledgingCopy.Scan(new ReadOnlySequence<byte>(new byte[5000]), acks, out _, out _));
        Assert.Throws<InvalidDataException>(() => AcknowledgingCopy.Scan(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("MSG 1 A -4\r\n")), acks, out _, out _));
    }

    [Theory]
    [InlineData("relay", "messages")]
    [InlineData("roundtrip", "round trips")]
    public async Task The_cli_prints_the_ceiling_and_the_ratio_next_to_our_figure(string scenario, string operation)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(
            ["load", scenario, "--pairs", "2", "--count", "200", "--duration", "30"],
            new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == ExitCodes.Success, output + error.ToString());
        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, l => l.TrimStart().StartsWith(operation, StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*ceiling sent\s+400\s+delivered 400\s+lost 0\s+reordered 0\s+duplicates 0\s+errors 0\s+consistent$"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("ratio ", StringComparison.Ordinal) && l.EndsWith(" of the ceiling", StringComparison.Ordinal));
        Assert.Equal(OperatingSystem.IsLinux(), lines.Any(l => l.TrimStart().StartsWith("load average ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_cli_puts_the_ceiling_in_json_with_every_message_checked()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(
            ["load", "relay", "--pairs", "2", "--count", "300", "--duration", "30", "--json"],
            new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        var ceiling = root.GetProperty("ceiling");
        Assert.Equal("trivial forwarder", ceiling.GetProperty("target").GetString());
        Assert.Equal(600, ceiling.GetProperty("sent").GetInt64());
        Assert.Equal(600, ceiling.GetProperty("delivered").GetInt64());
        Assert.Equal(600, ceiling.GetProperty("latencyMicroseconds").GetProperty("count").GetInt64());
        Assert.True(ceiling.GetProperty("consistent").GetBoolean());
        var ratio = root.GetProperty("ratioToCeiling").GetDouble();
        Assert.Equal(root.GetProperty("operationsPerSecond").GetDouble() / ceiling.GetProperty("operationsPerSecond").GetDouble(), ratio, 9);
        Assert.Equal(OperatingSystem.IsLinux(), root.TryGetProperty("loadAverage", out _));
    }

    [Fact]
    public async Task No_ceiling_runs_only_our_server()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(
            ["load", "roundtrip", "--pairs", "1", "--count", "20", "--duration", "30", "--no-ceiling", "--json"],
            new InvocationConfiguration { Output = output, Error = error });

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(20, json.RootElement.GetProperty("delivered").GetInt64());
        Assert.False(json.RootElement.TryGetProperty("ceiling", out _));
        Assert.False(json.RootElement.TryGetProperty("ratioToCeiling", out _));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
