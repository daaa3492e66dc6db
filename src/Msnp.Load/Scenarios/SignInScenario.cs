using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Reporting;
using Msnp.Load.Targets;
using Msnp.Protocol.Dialects;

namespace Msnp.Load.Scenarios;

/// <summary>Which login the sign-in scenario measures.</summary>
public enum SignInLogin
{
    /// <summary>
    /// The notification server's <c>USR TWN</c> with a ticket issued beforehand (MSNP8–14); from
    /// MSNP15 the whole SSO sign-in: token service, MBI key blob, address book and initial <c>ADL</c>.
    /// </summary>
    Ticket,

    /// <summary>The Passport password check: HTTPS <c>GET /login2.srf</c> with the password, answered with a ticket.</summary>
    Passport,
}

/// <summary>Settings of the sign-in scenario.</summary>
/// <param name="Users">Accounts created beforehand; each worker cycles through its own share.</param>
/// <param name="Concurrency">Sign-ins in flight at once.</param>
/// <param name="Duration">How long workers keep signing in.</param>
/// <param name="MaxSignIns">Sign-ins in total at most; 0 for no limit.</param>
/// <param name="Login">Which login to measure.</param>
/// <param name="Warmup">
/// How long the workers sign in before the measured window opens (not counted in the report's
/// figures; shown on a line of its own); none when null.
/// </param>
public sealed record SignInSettings(int Users, int Concurrency, TimeSpan Duration, long MaxSignIns = 0, SignInLogin Login = SignInLogin.Ticket, Warmup? Warmup = null);

/// <summary>
/// Either notification-server sign-in with a Passport ticket (MSNP8 <c>USR TWN</c>), from TCP
/// connect to the profile message, then close (tickets are issued beforehand, and <c>OUT</c> goes
/// in the same write as the sign-in's commands); or
/// the Passport password check on its own (HTTPS <c>login2.srf</c>, one kept-alive connection per
/// worker), whose cost is mostly the server's PBKDF2 work factor.
/// </summary>
public static class SignInScenario
{
    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(ILoadTarget target, SignInSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Phase = "creating accounts";
        var passport = settings.Login == SignInLogin.Passport;
        var ticket = !passport && target.Dialect.Authentication == AuthenticationMethod.Tweener;
        var login = passport ? target.PassportLogin ?? throw new InvalidOperationException("The Passport login needs the server's login URL (--passport).") : null;
        var accounts = await target.CreateAccountsAsync(passport ? "passport" : "signin", settings.Users, realPasswordHash: passport, cancellationToken).ConfigureAwait(false);
        var workers = Math.Min(settings.Concurrency, settings.Users);
        var samples = Enumerable.Range(0, workers).Select(_ => new LatencySamples()).ToArray();
        var limit = settings.MaxSignIns > 0 ? settings.MaxSignIns : long.MaxValue;
        long claimed = 0, errors = 0;
        string? firstError = null;

        // With several nodes or dispatch servers given (--nodes), sign-ins go to them in turn:
        // through a dispatch server's referral (XFR NS), or straight to the nodes.
        var spread = target.Dispatch.Count > 0 || target.Nodes.Count > 1;
        var perNode = new ConcurrentDictionary<IPEndPoint, long>();
        long turns = 0;
        var warmupPolicy = settings.Warmup ?? Warmup.None;
        progress.Phase = warmupPolicy.IsNone ? "running" : "warming up";
        var warmupCounters = RuntimeCounters.Now();
        var warmupStarted = Stopwatch.GetTimestamp();
        var started = warmupStarted;
        var deadline = warmupPolicy.IsNone ? started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        long warmupSignIns = 0;

        // The measured window opens when the warm-up ends: counters are read then, and sign-ins started
        // after it count (the CPU time of those still in flight then is in the window: a little too much, never too little).
        var counters = warmupCounters;
        var measuring = warmupPolicy.IsNone;
        var opener = measuring ? Task.CompletedTask : Task.Run(async () =>
        {
            await warmupPolicy.WaitAsync(cancellationToken).ConfigureAwait(false);
            counters = RuntimeCounters.Now();
            started = Stopwatch.GetTimestamp();
            Volatile.Write(ref deadline, started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency));
            Volatile.Write(ref measuring, true);
            progress.Phase = "running";
        }, cancellationToken);

        void Completed(int worker, long start, bool measured)
        {
            if (measured)
            {
                samples[worker].Add(Stopwatch.GetTimestamp() - start);
            }
            else
            {
                Interlocked.Increment(ref warmupSignIns);
            }

            progress.Complete();
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            using var http = login is null ? null : new PassportLoginClient(login);
            using var web = target.Dialect.Authentication == AuthenticationMethod.SingleSignOn && !passport ? ClientSteps.CreateWebServices(target) : null;
            var direct = ticket ? new TicketSignIn(target.Dialect) : null;
            // Worker w owns accounts w, w + workers, …, so one account is never signed in twice at once.
            var next = w;
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref deadline))
            {
                // A sign-in belongs to the window it started in.
                var measured = Volatile.Read(ref measuring);
                if (measured && Interlocked.Increment(ref claimed) > limit)
                {
                    break;
                }

                var turn = Interlocked.Increment(ref turns);
                var account = accounts[next];
                next += workers;
                if (next >= accounts.Count)
                {
                    next = w;
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (http is not null)
                    {
                        if (await http.LoginAsync(account.Email, LoadAccounts.Password, cancellationToken).ConfigureAwait(false) is null)
                        {
                            throw new InvalidOperationException($"Passport refused {account.Email}.");
                        }

                        Completed(w, start, measured);
                        continue;
                    }

                    var node = spread
                        ? target.Dispatch.Count > 0
                            ? await ClientSteps.ReferAsync(target.Dispatch[(int)(turn % target.Dispatch.Count)], account, target.Dialect, cancellationToken).ConfigureAwait(false)
                            : target.Nodes[(int)(turn % target.Nodes.Count)]
                        : target.Notification;
                    // A ticket sign-in sends its OUT with the sign-in's commands (the server signs in,
                    // answers, then signs out and closes); an SSO sign-in has round trips of its own, so
                    // its OUT follows.
                    if (direct is not null)
                    {
                        await direct.RunAsync(node, account, cancellationToken).ConfigureAwait(false);
                        Completed(w, start, measured);
                    }
                    else
                    {
                        var ns = await ClientSteps.SignInAsync(target, node, account, cancellationToken, web).ConfigureAwait(false);
                        Completed(w, start, measured);
                        await using (ns.ConfigureAwait(false))
                        {
                            await ns.SendAsync("OUT\r\n", cancellationToken).ConfigureAwait(false);
                        }
                    }

                    if (spread && measured)
                    {
                        perNode.AddOrUpdate(node, 1, static (_, n) => n + 1);
                    }
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or System.Net.Sockets.SocketException or HttpRequestException)
                {
                    Interlocked.CompareExchange(ref firstError, $"{account.Email}: {e.Message}", null);
                    Interlocked.Increment(ref errors);
                    progress.Fail();
                }
            }
        }, cancellationToken))).ConfigureAwait(false);
        var ended = Stopwatch.GetTimestamp();
        await opener.ConfigureAwait(false);
        var runtime = RuntimeCounters.Now().Since(counters);
        var warmup = counters.Since(warmupCounters);

        var latency = LatencySamples.Summarize(samples);
        var details = new List<KeyValuePair<string, string>>();
        if (!warmupPolicy.IsNone)
        {
            details.Add(WarmupLine(warmupSignIns, Stopwatch.GetElapsedTime(warmupStarted, started), warmup));
        }

        if (spread)
        {
            details.Add(PairRunResult.Setting("nodes", Spread(target, perNode)));
        }

        return new LoadReport
        {
            Scenario = "signin",
            Settings =
            [
                PairRunResult.Setting("login", passport ? "passport" : "ticket"),
                PairRunResult.Setting("users", settings.Users),
                PairRunResult.Setting("concurrency", workers),
                PairRunResult.Setting("duration", settings.Duration.TotalSeconds),
                PairRunResult.Setting("warmup", warmupPolicy.ToString()),
            ],
            Details = details,
            OperationName = passport ? "logins" : "sign-ins",
            Seconds = Stopwatch.GetElapsedTime(started, ended).TotalSeconds,
            Operations = latency.Count,
            Errors = errors,
            FirstError = firstError,
            Latency = latency,
            Runtime = runtime,
        };
    }

    private static KeyValuePair<string, string> WarmupLine(long signIns, TimeSpan elapsed, RuntimeCounters runtime) =>
        new("warm-up", string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{signIns:N0} in {elapsed.TotalSeconds:F2} s = {(elapsed > TimeSpan.Zero ? signIns / elapsed.TotalSeconds : 0):N0}/s   {(signIns > 0 ? runtime.CpuTime.TotalMicroseconds / signIns : 0):N1} µs/op   {(signIns > 0 ? runtime.AllocatedBytes / signIns : 0):N0} B/op (not in the figures)"));

    private static string Spread(ILoadTarget target, ConcurrentDictionary<IPEndPoint, long> perNode)
    {
        var via = target.Dispatch.Count > 0 ? $"through dispatch at {string.Join(", ", target.Dispatch)}" : "straight to the notification servers";
        var counts = string.Join(", ", perNode.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));
        return $"{target.Nodes.Count}, {via}; sign-ins per notification server: {counts}";
    }
}
