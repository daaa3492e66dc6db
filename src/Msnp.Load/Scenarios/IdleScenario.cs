using System.Diagnostics;
using System.Globalization;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Reporting;
using Msnp.Load.Targets;

namespace Msnp.Load.Scenarios;

/// <summary>Settings of the idle scenario.</summary>
/// <param name="Connections">Signed-in connections to hold.</param>
/// <param name="Duration">How long to hold them once all are connected.</param>
/// <param name="PingInterval">How often each connection sends <c>PNG</c>, spread evenly over the connections; zero for never.</param>
/// <param name="Sources">Loopback source addresses to spread the connections over (127.0.0.1 … 127.0.0.N; 1: the system's choice).
/// Each has its own ~28,000 ephemeral ports, so more connections than that to one server need several.</param>
/// <param name="FinalPingTimeout">After the hold every connection sends one more <c>PNG</c>; each must have its <c>QNG</c> within this.</param>
public sealed record IdleSettings(int Connections, TimeSpan Duration, TimeSpan PingInterval, int Sources = 1, TimeSpan FinalPingTimeout = default)
{
    /// <summary>The most source addresses: 127.0.0.1 to 127.0.0.254.</summary>
    public const int MaximumSources = 254;

    /// <summary>The source address of connection <paramref name="index"/>, or null for the system's choice.</summary>
    public System.Net.IPAddress? SourceOf(int index) =>
        Sources <= 1 ? null : new System.Net.IPAddress([127, 0, 0, (byte)(1 + (index % Sources))]);
}

/// <summary>
/// Signs in <see cref="IdleSettings.Connections"/> users (MSNP8 ticket login, <c>CHG NLN</c>, the challenge answered),
/// holds them while each pings like a client, and reports the server's memory: its process read
/// from /proc when it runs separately, otherwise this process (server and load side together).
/// </summary>
public static class IdleScenario
{
    private const int Concurrency = 32;

    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    /// <exception cref="InvalidOperationException">The connections do not fit under the open-file limit.</exception>
    public static async Task<LoadReport> RunAsync(ILoadTarget target, IdleSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var sockets = target.SharesProcess ? 2L * settings.Connections : settings.Connections;
        if (DescriptorLimit.Check(sockets, DescriptorLimit.Current(), target.SharesProcess) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        progress.Phase = "creating accounts";
        var accounts = await target.CreateAccountsAsync("idle", settings.Connections, realPasswordHash: false, cancellationToken).ConfigureAwait(false);
        var connections = new LoadConnection?[settings.Connections];
        var samples = Enumerable.Range(0, Concurrency).Select(_ => new LatencySamples()).ToArray();
        long errors = 0;
        var pid = target.ServerProcessId;
        var managedBefore = target.SharesProcess ? MemoryUse.ManagedNow() : 0;
        var residentBefore = MemoryUse.ResidentOf(pid);
        try
        {
            progress.Phase = "connecting";
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < accounts.Count; i += Concurrency)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        var node = target.Nodes[i % target.Nodes.Count];
                        var ns = settings.SourceOf(i) is { } source
                            ? await ClientSteps.SignInAsync(node, accounts[i], target.Dialect, source, cancellationToken).ConfigureAwait(false)
                            : await ClientSteps.SignInAsync(target, node, accounts[i], cancellationToken).ConfigureAwait(false);
                        connections[i] = ns;
                        await ClientSteps.GoOnlineAsync(ns, cancellationToken).ConfigureAwait(false);
                        samples[w].Add(Stopwatch.GetTimestamp() - start);
                        progress.Complete();
                    }
                    catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or System.Net.Sockets.SocketException)
                    {
                        Interlocked.Increment(ref errors);
                        progress.Fail();
                    }
                }
            }, cancellationToken))).ConfigureAwait(false);
            var connected = Stopwatch.GetElapsedTime(started).TotalSeconds;

            progress.Phase = "holding";
            var open = connections.Where(c => c is not null).Select(c => c!).ToArray();
            var pings = await IdlePinger.RunAsync(open, settings.Duration, settings.PingInterval, cancellationToken).ConfigureAwait(false);
            errors += pings.Failed;

            // At the end every connection must still answer, within a bound.
            progress.Phase = "final ping";
            var finalTimeout = settings.FinalPingTimeout > TimeSpan.Zero ? settings.FinalPingTimeout : TimeSpan.FromSeconds(60);
            var final = await IdlePinger.FinalRoundAsync(open, finalTimeout, cancellationToken).ConfigureAwait(false);
            errors += final.Failed;

            var residentTotal = MemoryUse.ResidentOf(pid);
            long? managed = target.SharesProcess ? MemoryUse.ManagedNow() - managedBefore : null;
            var measured = target.SharesProcess
                ? "this process: server and load side"
                : pid is { } p ? string.Create(CultureInfo.InvariantCulture, $"server process {p}") : "server process unknown (no --server-pid)";
            var memory = new MemoryUse(open.Length, managed, residentTotal - residentBefore, residentTotal, measured);

            var latency = LatencySamples.Summarize(samples);
            var pingLatency = pings.Latency;
            return new LoadReport
            {
                Scenario = "idle",
                Settings =
                [
                    PairRunResult.Setting("connections", settings.Connections),
                    PairRunResult.Setting("duration", settings.Duration.TotalSeconds),
                    PairRunResult.Setting("ping-interval", settings.PingInterval.TotalSeconds),
                    PairRunResult.Setting("sources", settings.Sources),
                    PairRunResult.Setting("final-ping-timeout", finalTimeout.TotalSeconds),
                ],
                OperationName = "connections",
                Seconds = connected,
                Operations = latency.Count,
                Errors = errors,
                Latency = latency,
                Memory = memory,
                Details =
                [
                    PairRunResult.Setting("pings", string.Create(CultureInfo.InvariantCulture, $"{pingLatency.Count:N0} answered, {pings.Failed:N0} failed; QNG after p50 {pingLatency.P50 / 1000:F3} ms, p99 {pingLatency.P99 / 1000:F3} ms")),
                    PairRunResult.Setting("final ping", string.Create(CultureInfo.InvariantCulture, $"{final.Answered:N0} of {open.Length:N0} answered within {finalTimeout.TotalSeconds:F0} s, {final.Failed:N0} failed; all in {final.Seconds:F2} s")),
                ],
            };
        }
        finally
        {
            progress.Phase = "closing";
            foreach (var connection in connections)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
