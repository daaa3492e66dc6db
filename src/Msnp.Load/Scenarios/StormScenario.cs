using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Reporting;
using Msnp.Load.Targets;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;

namespace Msnp.Load.Scenarios;

/// <summary>How the storm's users prove their password.</summary>
public enum StormLogin
{
    /// <summary>MSNP8: <c>USR TWN I</c>, the Passport password check (<c>login2.srf</c>), <c>USR TWN S</c> with the ticket.</summary>
    Passport,

    /// <summary>MSNP7: <c>USR MD5 I</c>, then the digest of the server's challenge and the password (no password hash on the server).</summary>
    Md5,
}

/// <summary>Settings of the reconnect storm.</summary>
/// <param name="Users">Users who all sign in at once.</param>
/// <param name="Login">How they sign in.</param>
/// <param name="HttpConnections">Kept-alive HTTPS connections the users share for <c>login2.srf</c>.</param>
/// <param name="Rounds">Storms in a row: after each, every connection is closed and all sign in again.</param>
/// <param name="Deadline">How long one round may take before the users still offline count as errors.</param>
public sealed record StormSettings(int Users, StormLogin Login, int HttpConnections, int Rounds, TimeSpan Deadline);

/// <summary>
/// A reconnect storm: every user signs in at the same moment, as after a server restart, the whole
/// way a client does (connect, version, the password check, <c>CHG NLN</c>, the challenge
/// answered) and stays connected; the figure is the time until all are online. A user who is
/// refused (connection limit, Passport busy, a closed connection) tries again after a pause, as a
/// client's reconnect timer would: after <c>Retry-After</c> (5 s) for Passport's 503, after 1–2 s otherwise.
/// </summary>
public static class StormScenario
{
    private static readonly TimeSpan BusyPause = TimeSpan.FromSeconds(5);

    /// <summary>Runs against <paramref name="target"/> and reports; the first round is the headline figure.</summary>
    /// <exception cref="InvalidOperationException">The connections do not fit under the open-file limit, or Passport's URL is unknown.</exception>
    public static async Task<LoadReport> RunAsync(ILoadTarget target, StormSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var passport = settings.Login == StormLogin.Passport;
        long http = passport ? settings.HttpConnections : 0;
        var sockets = target.SharesProcess ? 2L * (settings.Users + http) : settings.Users + http;
        if (DescriptorLimit.Check(sockets, DescriptorLimit.Current(), target.SharesProcess) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var login = passport ? target.PassportLogin ?? throw new InvalidOperationException("The Passport storm needs the server's login URL (--passport).") : null;
        progress.Phase = "creating accounts";

        // One-iteration hashes: the server re-hashes each with its own work factor at the first
        // Passport check (one PBKDF2 run, as a verification costs), and verifies that from then on.
        var accounts = await target.CreateAccountsAsync(passport ? "storm" : "stormmd5", settings.Users, realPasswordHash: false, cancellationToken).ConfigureAwait(false);
        var pool = Channel.CreateBounded<PassportLoginClient>(Math.Max(1, settings.HttpConnections));
        if (login is not null)
        {
            for (var i = 0; i < settings.HttpConnections; i++)
            {
                pool.Writer.TryWrite(new PassportLoginClient(login));
            }
        }

        var counters = RuntimeCounters.Now();
        var rounds = new List<Round>();
        try
        {
            for (var r = 0; r < settings.Rounds; r++)
            {
                progress.Phase = string.Create(CultureInfo.InvariantCulture, $"round {r + 1}");
                rounds.Add(await RunRoundAsync(target, accounts, settings, pool, progress, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            while (pool.Reader.TryRead(out var client))
            {
                client.Dispose();
            }
        }

        var runtime = RuntimeCounters.Now().Since(counters);
        var first = rounds[0];
        var details = new List<KeyValuePair<string, string>>();
        for (var r = 0; r < rounds.Count; r++)
        {
            var round = rounds[r];
            details.Add(PairRunResult.Setting(
                string.Create(CultureInfo.InvariantCulture, $"round {r + 1}"),
                string.Create(CultureInfo.InvariantCulture, $"{round.Latency.Count:N0} of {settings.Users:N0} online after {round.Seconds:F2} s ({round.Latency.Count / Math.Max(round.Seconds, 1e-9):N1}/s); p50 {round.Latency.P50 / 1e6:F2} s, p99 {round.Latency.P99 / 1e6:F2} s; retries {round.Retries:N0} (Passport busy {round.Busy:N0})")));
            if (round.FirstRetry is { } reason)
            {
                details.Add(PairRunResult.Setting(string.Create(CultureInfo.InvariantCulture, $"round {r + 1} first retry"), reason));
            }
        }

        return new LoadReport
        {
            Scenario = "storm",
            Settings =
            [
                PairRunResult.Setting("login", passport ? "passport" : "md5"),
                PairRunResult.Setting("users", settings.Users),
                PairRunResult.Setting("http-connections", passport ? settings.HttpConnections : 0),
                PairRunResult.Setting("rounds", settings.Rounds),
            ],
            OperationName = "users online",
            Seconds = first.Seconds,
            Operations = first.Latency.Count,
            Errors = rounds.Sum(r => r.Offline),
            FirstError = rounds.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            Latency = first.Latency,
            Runtime = runtime,
            Details = details,
        };
    }

    private static async Task<Round> RunRoundAsync(
        ILoadTarget target, IReadOnlyList<LoadAccount> accounts, StormSettings settings, Channel<PassportLoginClient> pool, LoadProgress progress, CancellationToken cancellationToken)
    {
        var connections = new LoadConnection?[accounts.Count];
        var samples = new LatencySamples();
        var sampleLock = new Lock();
        long retries = 0, busy = 0, offline = 0;
        string? firstError = null, firstRetry = null;
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Deadline);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, accounts.Count).Select(i => Task.Run(async () =>
            {
                var account = accounts[i];
                while (true)
                {
                    try
                    {
                        connections[i] = settings.Login == StormLogin.Passport
                            ? await SignInWithPasswordAsync(target.Nodes[i % target.Nodes.Count], account, pool, deadline.Token).ConfigureAwait(false)
                            : await SignInWithMd5Async(target.Nodes[i % target.Nodes.Count], account, deadline.Token).ConfigureAwait(false);
                        var elapsed = Stopwatch.GetTimestamp() - started;
                        lock (sampleLock)
                        {
                            samples.Add(elapsed);
                        }

                        progress.Complete();
                        return;
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        if (connections[i] is null)
                        {
                            Interlocked.Increment(ref offline);
                            Interlocked.CompareExchange(ref firstError, $"{account.Email}: not online after {settings.Deadline.TotalSeconds:F0} s", null);
                        }

                        return;
                    }
                    catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or System.Net.Sockets.SocketException or HttpRequestException)
                    {
                        if (connections[i] is { } half)
                        {
                            // Online, then lost before the challenge was answered: counts as online, the loss as an error.
                            Interlocked.Increment(ref offline);
                            Interlocked.CompareExchange(ref firstError, $"{account.Email}: {e.Message}", null);
                            await half.DisposeAsync().ConfigureAwait(false);
                            connections[i] = null;
                            return;
                        }

                        Interlocked.Increment(ref retries);
                        Interlocked.CompareExchange(ref firstRetry, e.Message, null);
                        var isBusy = e is HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable };
                        if (isBusy)
                        {
                            Interlocked.Increment(ref busy);
                        }

                        try
                        {
                            await Task.Delay(isBusy ? BusyPause + Jitter() : TimeSpan.FromSeconds(1) + Jitter(), deadline.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            Interlocked.Increment(ref offline);
                            Interlocked.CompareExchange(ref firstError, $"{account.Email}: {e.Message}", null);
                            return;
                        }
                    }
                }
            }, cancellationToken))).ConfigureAwait(false);
            // Time until the last user was online; a round with users still offline lasted its deadline.
            var latency = LatencySamples.Summarize([samples]);
            var seconds = samples.Count == accounts.Count ? latency.Max / 1e6 : settings.Deadline.TotalSeconds;
            return new Round(seconds, latency, Interlocked.Read(ref retries), Interlocked.Read(ref busy), Interlocked.Read(ref offline), firstError, firstRetry);
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

    private static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));

    // MSNP8 as Messenger 5–6 signs in: the notification server first, then Passport with the
    // password while that connection waits, then the ticket; online with CHG NLN. A user takes one of
    // the shared HTTPS clients before opening its notification connection: a real client has its own
    // and goes to Passport at once, so its connection waits only for the check itself. Queued behind
    // thousands of others for a shared client instead, the connection would outlive the server's
    // sign-in deadline (60 s), and a cold storm of 10,000 would never finish (the check done, the
    // connection gone, and the next try queued behind everyone again).
    private static async Task<LoadConnection> SignInWithPasswordAsync(IPEndPoint notification, LoadAccount account, Channel<PassportLoginClient> pool, CancellationToken cancellationToken)
    {
        var http = await pool.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        LoadConnection? ns = null;
        try
        {
            ns = await LoadConnection.ConnectAsync(notification, MsnpDialect.Msnp8, cancellationToken).ConfigureAwait(false);
            await ns.SendAsync($"VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 6.0.0602 MSMSGS {account.Email}\r\nUSR 3 TWN I {account.Email}\r\n", cancellationToken).ConfigureAwait(false);
            await ns.SkipToLineStartingWithAsync("USR 3 TWN S ", cancellationToken).ConfigureAwait(false);
            var ticket = await http.LoginAsync(account.Email, LoadAccounts.Password, cancellationToken).ConfigureAwait(false);

            // The pool is never completed and has a place for every client it handed out.
            pool.Writer.TryWrite(http);
            http = null;
            if (ticket is null)
            {
                throw new InvalidOperationException($"Passport refused {account.Email}.");
            }

            await ns.SendAsync($"USR 4 TWN S {ticket}\r\n", cancellationToken).ConfigureAwait(false);
            await FinishSignInAsync(ns, cancellationToken).ConfigureAwait(false);
            return ns;
        }
        catch
        {
            if (ns is not null)
            {
                await ns.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            if (http is not null)
            {
                pool.Writer.TryWrite(http);
            }
        }
    }

    // MSNP7 as Messenger 4.x signs in: INF, then the MD5 digest of the server's challenge and the password.
    private static async Task<LoadConnection> SignInWithMd5Async(IPEndPoint notification, LoadAccount account, CancellationToken cancellationToken)
    {
        var ns = await LoadConnection.ConnectAsync(notification, MsnpDialect.Msnp7, cancellationToken).ConfigureAwait(false);
        try
        {
            await ns.SendAsync($"VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0\r\nINF 2\r\nUSR 3 MD5 I {account.Email}\r\n", cancellationToken).ConfigureAwait(false);
            var challenge = (await ns.ReadLineStartingWithAsync("USR 3 MD5 S ", cancellationToken).ConfigureAwait(false))["USR 3 MD5 S ".Length..].Trim();
            await ns.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, LoadAccounts.Password)}\r\n", cancellationToken).ConfigureAwait(false);
            await FinishSignInAsync(ns, cancellationToken).ConfigureAwait(false);
            return ns;
        }
        catch
        {
            await ns.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Both logins end alike: USR OK, the profile message, then online with the challenge answered.
    private static async Task FinishSignInAsync(LoadConnection ns, CancellationToken cancellationToken)
    {
        await ns.SkipToLineStartingWithAsync("USR 4 OK ", cancellationToken).ConfigureAwait(false);
        await ns.SkipToLineStartingWithAsync("MSG Hotmail Hotmail ", cancellationToken).ConfigureAwait(false);
        await ClientSteps.GoOnlineAsync(ns, cancellationToken).ConfigureAwait(false);
    }

    private sealed record Round(double Seconds, LatencySummary Latency, long Retries, long Busy, long Offline, string? FirstError, string? FirstRetry);
}
