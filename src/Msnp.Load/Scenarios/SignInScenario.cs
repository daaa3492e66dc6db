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
public sealed record SignInSettings(int Users, int Concurrency, TimeSpan Duration, long MaxSignIns = 0, SignInLogin Login = SignInLogin.Ticket);

/// <summary>
/// Either notification-server sign-in with a Passport ticket (MSNP8 <c>USR TWN</c>), from TCP
/// connect to the profile message, then <c>OUT</c> and close (tickets are issued beforehand); or
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
        progress.Phase = "running";
        var counters = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            using var http = login is null ? null : new PassportLoginClient(login);
            using var web = target.Dialect.Authentication == AuthenticationMethod.SingleSignOn && !passport ? ClientSteps.CreateWebServices(target) : null;
            // Worker w owns accounts w, w + workers, …, so one account is never signed in twice at once.
            var next = w;
            long turn;
            while (Stopwatch.GetTimestamp() < deadline && (turn = Interlocked.Increment(ref claimed)) <= limit)
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
                    if (http is not null)
                    {
                        if (await http.LoginAsync(account.Email, LoadAccounts.Password, cancellationToken).ConfigureAwait(false) is null)
                        {
                            throw new InvalidOperationException($"Passport refused {account.Email}.");
                        }

                        samples[w].Add(Stopwatch.GetTimestamp() - start);
                        progress.Complete();
                        continue;
                    }

                    var node = spread
                        ? target.Dispatch.Count > 0
                            ? await ClientSteps.ReferAsync(target.Dispatch[(int)(turn % target.Dispatch.Count)], account, target.Dialect, cancellationToken).ConfigureAwait(false)
                            : target.Nodes[(int)(turn % target.Nodes.Count)]
                        : target.Notification;
                    var ns = await ClientSteps.SignInAsync(target, node, account, cancellationToken, web).ConfigureAwait(false);
                    samples[w].Add(Stopwatch.GetTimestamp() - start);
                    if (spread)
                    {
                        perNode.AddOrUpdate(node, 1, static (_, n) => n + 1);
                    }

                    progress.Complete();
                    await using (ns.ConfigureAwait(false))
                    {
                        await ns.SendAsync("OUT\r\n", cancellationToken).ConfigureAwait(false);
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
        var runtime = RuntimeCounters.Now().Since(counters);

        var latency = LatencySamples.Summarize(samples);
        return new LoadReport
        {
            Scenario = "signin",
            Settings =
            [
                PairRunResult.Setting("login", passport ? "passport" : "ticket"),
                PairRunResult.Setting("users", settings.Users),
                PairRunResult.Setting("concurrency", workers),
                PairRunResult.Setting("duration", settings.Duration.TotalSeconds),
            ],
            OperationName = passport ? "logins" : "sign-ins",
            Seconds = Stopwatch.GetElapsedTime(started, ended).TotalSeconds,
            Operations = latency.Count,
            Errors = errors,
            FirstError = firstError,
            Latency = latency,
            Runtime = runtime,
            Details = spread ? [PairRunResult.Setting("nodes", Spread(target, perNode))] : [],
        };
    }

    private static string Spread(ILoadTarget target, ConcurrentDictionary<IPEndPoint, long> perNode)
    {
        var via = target.Dispatch.Count > 0 ? $"through dispatch at {string.Join(", ", target.Dispatch)}" : "straight to the notification servers";
        var counts = string.Join(", ", perNode.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));
        return $"{target.Nodes.Count}, {via}; sign-ins per notification server: {counts}";
    }
}
