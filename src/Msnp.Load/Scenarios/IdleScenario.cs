using System.Diagnostics;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Reporting;

namespace Msnp.Load.Scenarios;

/// <summary>Settings of the idle scenario.</summary>
/// <param name="Connections">Signed-in connections to hold.</param>
/// <param name="Duration">How long to hold them once all are connected.</param>
public sealed record IdleSettings(int Connections, TimeSpan Duration);

/// <summary>
/// Signs in <see cref="IdleSettings.Connections"/> users (MSNP8 ticket login, then <c>CHG NLN</c>),
/// holds them without traffic, and reports how much the process grew per connection. Server
/// and load side share the process, so the figure includes the load side's sockets and pipes.
/// </summary>
public static class IdleScenario
{
    private const int Concurrency = 32;

    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(InProcessTarget target, IdleSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Phase = "creating accounts";
        var accounts = await target.CreateAccountsAsync("idle", settings.Connections, cancellationToken).ConfigureAwait(false);
        var connections = new LoadConnection?[settings.Connections];
        var samples = Enumerable.Range(0, Concurrency).Select(_ => new LatencySamples()).ToArray();
        long errors = 0;
        var managedBefore = MemoryUse.ManagedNow();
        var residentBefore = MemoryUse.ResidentNow();
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
                        var ns = await ClientSteps.SignInAsync(target.Notification, accounts[i], cancellationToken).ConfigureAwait(false);
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
            await Task.Delay(settings.Duration, cancellationToken).ConfigureAwait(false);
            var open = samples.Sum(s => (long)s.Count);
            var memory = new MemoryUse(open, MemoryUse.ManagedNow() - managedBefore, MemoryUse.ResidentNow() - residentBefore);

            var latency = LatencySamples.Summarize(samples);
            return new LoadReport
            {
                Scenario = "idle",
                Settings = [PairRunResult.Setting("connections", settings.Connections), PairRunResult.Setting("duration", settings.Duration.TotalSeconds)],
                OperationName = "connections",
                Seconds = connected,
                Operations = latency.Count,
                Errors = errors,
                Latency = latency,
                Memory = memory,
            };
        }
        finally
        {
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
