using System.Diagnostics;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;

namespace Msnp.Load.Scenarios;

/// <summary>Settings of the sign-in scenario.</summary>
/// <param name="Users">Accounts created beforehand; each worker cycles through its own share.</param>
/// <param name="Concurrency">Sign-ins in flight at once.</param>
/// <param name="Duration">How long workers keep signing in.</param>
/// <param name="MaxSignIns">Sign-ins in total at most; 0 for no limit.</param>
public sealed record SignInSettings(int Users, int Concurrency, TimeSpan Duration, long MaxSignIns = 0);

/// <summary>
/// Notification-server sign-in with a Passport ticket (MSNP8 <c>USR TWN</c>), from TCP connect to
/// the profile message, then <c>OUT</c> and close. Tickets are issued beforehand, so the figure
/// leaves out the Passport password check.
/// </summary>
public static class SignInScenario
{
    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(InProcessTarget target, SignInSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Phase = "creating accounts";
        var accounts = await target.CreateAccountsAsync("signin", settings.Users, cancellationToken).ConfigureAwait(false);
        var workers = Math.Min(settings.Concurrency, settings.Users);
        var samples = Enumerable.Range(0, workers).Select(_ => new LatencySamples()).ToArray();
        var limit = settings.MaxSignIns > 0 ? settings.MaxSignIns : long.MaxValue;
        long claimed = 0, errors = 0;

        progress.Phase = "running";
        var counters = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            // Worker w owns accounts w, w + workers, …, so one account is never signed in twice at once.
            var next = w;
            while (Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref claimed) <= limit)
            {
                var account = accounts[next];
                next += workers;
                if (next >= accounts.Count)
                {
                    next = w;
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    var ns = await ClientSteps.SignInAsync(target.Notification, account, cancellationToken).ConfigureAwait(false);
                    samples[w].Add(Stopwatch.GetTimestamp() - start);
                    progress.Complete();
                    await using (ns.ConfigureAwait(false))
                    {
                        await ns.SendAsync("OUT\r\n", cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or System.Net.Sockets.SocketException)
                {
                    Interlocked.Increment(ref errors);
                    progress.Fail();
                }
            }
        }, cancellationToken))).ConfigureAwait(false);
        var ended = Stopwatch.GetTimestamp();
        var runtime = RuntimeCounters.Now().Since(counters);

        var latency = LatencySamples.Summarize(samples);
        return new LoadReport
        {
            Scenario = "signin",
            Settings =
            [
                PairRunResult.Setting("users", settings.Users),
                PairRunResult.Setting("concurrency", workers),
                PairRunResult.Setting("duration", settings.Duration.TotalSeconds),
            ],
            OperationName = "sign-ins",
            Seconds = Stopwatch.GetElapsedTime(started, ended).TotalSeconds,
            Operations = latency.Count,
            Errors = errors,
            Latency = latency,
            Runtime = runtime,
        };
    }
}
