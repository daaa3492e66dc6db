using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// <c>msnp load --nodes</c> against two real nodes (<c>msnp serve --cluster-port</c> processes on one
/// PostgreSQL database), the load tool itself run in this process as the CLI: every scenario
/// that crosses nodes delivers everything once and in order. Counts, never speed, are checked;
/// each run ends at its <c>--count</c> or <c>--changes</c>, and the whole test is bounded so a
/// broken cluster fails instead of hanging.
/// </summary>
public sealed class ClusterLoadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Load_scenarios_cross_two_nodes_and_deliver_everything()
    {
        // One account made with msnp user add gives the scene its shared secret.key; the load accounts are the tool's.
        await using var scene = await ClusterScene.CreateAsync("seed@example.com");
        var (a, b) = await ClusterPresenceTests.StartTwoAsync(scene);
        string[] target = ["--nodes", $"127.0.0.1:{a.DispatchPort},127.0.0.1:{b.DispatchPort}", "--postgres", scene.Postgres, "--data", a.Data, "--duration", "120", "--json"];
        var nodes = new[] { $"127.0.0.1:{a.NotificationPort}", $"127.0.0.1:{b.NotificationPort}" };

        // Relay: each sender on one node, its receiver on the other; every message once, in order.
        using (var relay = await RunAsync(["relay", "--pairs", "2", "--size", "300", "--count", "200", "--no-ceiling", .. target]))
        {
            var root = relay.RootElement;
            Assert.Equal(400, root.GetProperty("sent").GetInt64());
            Assert.Equal(400, root.GetProperty("delivered").GetInt64());
            Assert.Equal(0, root.GetProperty("lost").GetInt64() + root.GetProperty("reordered").GetInt64() + root.GetProperty("duplicates").GetInt64());
            AssertBothNodes(root.GetProperty("details").GetProperty("nodes").GetString()!, nodes);
            Assert.Contains("(2 sessions", root.GetProperty("details").GetProperty("session set-up").GetString(), StringComparison.Ordinal);
        }

        // Round trips: every MSG A acknowledged and delivered across the nodes.
        using (var roundTrip = await RunAsync(["roundtrip", "--pairs", "2", "--count", "20", "--no-ceiling", .. target]))
        {
            var root = roundTrip.RootElement;
            Assert.Equal(40, root.GetProperty("operations").GetInt64());
            Assert.Equal(40, root.GetProperty("delivered").GetInt64());
            AssertBothNodes(root.GetProperty("details").GetProperty("nodes").GetString()!, nodes);
        }

        // Presence: the subject on one node, four contacts on the other; each sees all five changes in order.
        using (var presence = await RunAsync(["presence", "--contacts", "4", "--changes", "5", "--warmup", "0", .. target]))
        {
            var root = presence.RootElement;
            Assert.Equal(5, root.GetProperty("operations").GetInt64());
            Assert.StartsWith("20 (", root.GetProperty("details").GetProperty("NLN read").GetString(), StringComparison.Ordinal);
            AssertBothNodes(root.GetProperty("details").GetProperty("nodes").GetString()!, nodes);
        }

        // Sign-ins through both dispatch servers: every one succeeds, and the referrals reach both nodes.
        using (var signIn = await RunAsync(["signin", "--users", "8", "--concurrency", "2", "--count", "16", "--warmup", "0", .. target]))
        {
            var root = signIn.RootElement;
            Assert.Equal(16, root.GetProperty("operations").GetInt64());
            var spread = root.GetProperty("details").GetProperty("nodes").GetString()!;
            Assert.Contains("through dispatch at", spread, StringComparison.Ordinal);
            var counts = nodes.Select(n => CountFor(spread, n)).ToArray();
            Assert.All(counts, c => Assert.True(c > 0, spread));
            Assert.Equal(16, counts.Sum());
        }
    }

    [Theory]
    [InlineData("--nodes", "127.0.0.1:1863,127.0.0.1:1864")]
    [InlineData("--nodes", "127.0.0.1:1863", "--server", "127.0.0.1:1863", "--postgres", "Host=db")]
    [InlineData("--postgres", "Host=db")]
    [InlineData("--nodes", "10.1.2.3:1863", "--postgres", "Host=db")]
    [InlineData("--nodes", "127.0.0.1:1863,127.0.0.1:1863", "--postgres", "Host=db")]
    [InlineData("--nodes", "127.0.0.1:1863", "--postgres", "Host=db", "--server-pid", "1")]
    public async Task Node_options_that_cannot_work_are_usage_errors(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(["load", "signin", .. args], new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("msnp load signin: --", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    private static async Task<JsonDocument> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MsnpRootCommand.RunAsync(["load", .. args], new InvocationConfiguration { Output = output, Error = error }).WaitAsync(Patience);
        Assert.True(exitCode == ExitCodes.Success, $"msnp load {string.Join(' ', args)}: exit {exitCode}: {error}{output}");
        var json = JsonDocument.Parse(output.ToString());
        Assert.True(json.RootElement.GetProperty("consistent").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt64());
        return json;
    }

    private static void AssertBothNodes(string placement, string[] nodes)
    {
        Assert.StartsWith("2 (", placement, StringComparison.Ordinal);
        Assert.All(nodes, n => Assert.Contains(n, placement, StringComparison.Ordinal));
    }

    // "… sign-ins per notification server: 127.0.0.1:A 9, 127.0.0.1:B 7"
    private static long CountFor(string spread, string node)
    {
        var match = Regex.Match(spread, Regex.Escape(node) + @" ([\d,]+)");
        return match.Success ? long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;
    }
}
