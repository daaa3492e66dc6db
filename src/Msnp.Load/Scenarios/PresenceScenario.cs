using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Reporting;
using Msnp.Load.Targets;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Scenarios;

/// <summary>Settings of the presence scenario.</summary>
/// <param name="Contacts">Online contacts that have the subject on their forward list.</param>
/// <param name="Changes">Status changes of the subject to measure.</param>
/// <param name="Duration">Time limit for the changes (set-up not included).</param>
/// <param name="ChangeTimeout">How long one change may take to reach every contact before the run gives up.</param>
/// <param name="Warmup">
/// How long changes are made (and checked) before the measured ones, left out of the figures: the
/// first ones pay for compiling the fan-out's code (null: none). As <c>signin</c>'s: seconds or automatic.
/// </param>
public sealed record PresenceSettings(int Contacts, int Changes, TimeSpan Duration, TimeSpan ChangeTimeout, Warmup? Warmup = null);

/// <summary>
/// One subject with <see cref="PresenceSettings.Contacts"/> online contacts (each has the subject on
/// its FL) changes status again and again; for each change, the time from sending <c>CHG</c> until
/// the last contact has read the subject's <c>NLN</c>. Contacts check that their <c>NLN</c>s arrive
/// in the order of the changes. With several nodes the subject is on the first and the contacts on
/// the others. A running server paces the subject's connection like any other (<c>Limits.NotificationCommandsPerSecond</c>
/// after a burst of <c>Limits.NotificationCommandBurst</c> commands, 20/s and 100 by default), so a run of more
/// changes than the burst measures the pacer's wait there; in process the burst is raised for the run.
/// </summary>
public static class PresenceScenario
{
    private const int SetUpConcurrency = 32;

    // The subject's commands besides its changes: VER, CVR, two USR, the first CHG, QRY, and spare.
    private const int SetUpCommands = 20;

    /// <summary>Warm-up changes at most, whatever the warm-up's time: an in-process server's command burst covers them.</summary>
    public const int MaxWarmupChanges = 100_000;

    /// <summary>
    /// Commands the subject's connection sends in a run of <paramref name="changes"/> (and, with a
    /// warm-up, up to <see cref="MaxWarmupChanges"/> more): an in-process server lets it send them
    /// all at once, so no change waits for the command pacer.
    /// </summary>
    public static int CommandsOfSubject(int changes, bool warmup = false) => changes + SetUpCommands + (warmup ? MaxWarmupChanges : 0);

    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(ILoadTarget target, PresenceSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var sockets = (target.SharesProcess ? 2L : 1L) * (settings.Contacts + 1);
        if (DescriptorLimit.Check(sockets, DescriptorLimit.Current(), target.SharesProcess) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        progress.Phase = "creating accounts";
        var accounts = await target.CreateAccountsAsync("presence", settings.Contacts + 1, realPasswordHash: false, cancellationToken).ConfigureAwait(false);
        var subjectAccount = accounts[0];
        var contacts = new LoadConnection?[settings.Contacts];
        LoadConnection? subject = null;
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = new List<Task>();
        try
        {
            progress.Phase = "signing in";
            subject = await ClientSteps.SignInAsync(target, target.Nodes[0], subjectAccount, cancellationToken).ConfigureAwait(false);
            await ClientSteps.GoOnlineAsync(subject, cancellationToken).ConfigureAwait(false);
            await Parallel.ForAsync(0, settings.Contacts, new ParallelOptions { MaxDegreeOfParallelism = SetUpConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var ns = await ClientSteps.SignInAsync(target, ContactNode(target.Nodes, i), accounts[i + 1], ct).ConfigureAwait(false);
                contacts[i] = ns;
                await ClientSteps.AddToForwardListAsync(ns, subjectAccount.Email, ct).ConfigureAwait(false);
                await ClientSteps.GoOnlineAsync(ns, ct).ConfigureAwait(false);

                // QNG comes after everything the set-up caused (ILN, an NLN for the ADD), so the
                // reader below starts clean.
                await ClientSteps.PingAsync(ns, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

            var tracker = new PresenceTracker(settings.Contacts);
            for (var i = 0; i < contacts.Length; i++)
            {
                readers.Add(ReadAsync(contacts[i]!, i, subjectAccount.Email, tracker, stopReading.Token));
            }

            // Changes go back to back from the start; the measured window opens when the warm-up ends.
            var warmup = settings.Warmup ?? Warmup.None;
            progress.Phase = warmup.IsNone ? "changing status" : "warming up";
            var warmupOver = warmup.IsNone ? Task.CompletedTask : warmup.WaitAsync(cancellationToken);
            var warmupStarted = Stopwatch.GetTimestamp();
            var warmupTime = TimeSpan.Zero;
            var warmupChanges = 0;
            var measuring = warmup.IsNone;
            var samples = new LatencySamples();
            long errors = 0;
            var started = warmupStarted;
            var deadline = started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
            var counters = RuntimeCounters.Now();
            while (true)
            {
                if (!measuring && (warmupOver.IsCompleted || warmupChanges >= MaxWarmupChanges))
                {
                    // CPU and allocations per change count the measured changes only.
                    await warmupOver.ConfigureAwait(false);
                    measuring = true;
                    warmupTime = Stopwatch.GetElapsedTime(warmupStarted);
                    progress.Phase = "changing status";
                    counters = RuntimeCounters.Now();
                    started = Stopwatch.GetTimestamp();
                    deadline = started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
                }

                if (measuring && (samples.Count >= settings.Changes || Stopwatch.GetTimestamp() >= deadline))
                {
                    break;
                }

                var change = tracker.Begin();
                var trId = 10 + change;
                var start = Stopwatch.GetTimestamp();
                await subject.SendAsync(string.Create(CultureInfo.InvariantCulture, $"CHG {trId} {PresenceTracker.StatusOf(change)}\r\n"), cancellationToken).ConfigureAwait(false);
                try
                {
                    await tracker.WhenSeenByAll(change).WaitAsync(settings.ChangeTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    errors += tracker.Remaining(change);
                    progress.Fail();
                    break;
                }

                if (measuring)
                {
                    samples.Add(tracker.CompletedAt(change) - start);
                    progress.Complete();
                }
                else
                {
                    warmupChanges++;
                }

                await subject.ReadLineStartingWithAsync(string.Create(CultureInfo.InvariantCulture, $"CHG {trId} "), cancellationToken).ConfigureAwait(false);
            }

            var runtime = RuntimeCounters.Now().Since(counters);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var latency = LatencySummary.FromTicks(samples.AsSpan().ToArray());
            return new LoadReport
            {
                Scenario = "presence",
                Settings =
                [
                    PairRunResult.Setting("contacts", settings.Contacts),
                    PairRunResult.Setting("changes", settings.Changes),
                    PairRunResult.Setting("warmup", warmup.ToString()),
                    PairRunResult.Setting("duration", settings.Duration.TotalSeconds),
                ],
                OperationName = "changes",
                Seconds = seconds,
                Operations = latency.Count,
                Errors = errors + tracker.OutOfOrder + tracker.Extra,
                Latency = latency,
                Runtime = runtime,
                Details =
                [
                    PairRunResult.Setting("pacer", PacerNote(target, tracker.Begun)),
                    PairRunResult.Setting("warm-up", string.Create(CultureInfo.InvariantCulture, $"{warmupChanges:N0} changes in {warmupTime.TotalSeconds:F2} s first, delivered and checked but not in the figures")),
                    .. target.Nodes.Count < 2 ? [] : new[] { PairRunResult.Setting("nodes", string.Create(CultureInfo.InvariantCulture, $"{target.Nodes.Count} ({string.Join(", ", target.Nodes)}); the subject on the first, the contacts on the others")) },
                    PairRunResult.Setting("NLN read", string.Create(CultureInfo.InvariantCulture, $"{latency.Count * settings.Contacts:N0} ({latency.Count * settings.Contacts / Math.Max(seconds, 1e-9):N0}/s); out of order {tracker.OutOfOrder:N0}, unexpected {tracker.Extra:N0}")),
                ],
            };
        }
        finally
        {
            progress.Phase = "closing";
            await stopReading.CancelAsync().ConfigureAwait(false);
            foreach (var reader in readers)
            {
                try
                {
                    await reader.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException or System.Net.Sockets.SocketException)
                {
                }
            }

            foreach (var connection in contacts.Append(subject))
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    // The NS command pacer lets a connection send a burst of commands, then a few per second: a
    // change sent past the burst waits for it, and the figure would measure that wait.
    private static string PacerNote(ILoadTarget target, int changes)
    {
        if (target is InProcessTarget inProcess)
        {
            var burst = inProcess.Host.Options.Limits.NotificationCommandBurst;
            return CommandsOfSubject(changes) <= burst
                ? string.Create(CultureInfo.InvariantCulture, $"no change waited (NS command burst {burst:N0} in this process; a server's default is 100, then 20/s)")
                : string.Create(CultureInfo.InvariantCulture, $"changes past the NS command burst of {burst:N0} waited for the pacer: their latency includes that wait");
        }

        return "the server's NS command pacer applies (default 100 commands at once, then 20/s): past about 90 changes (warm-up included) the latency includes its wait";
    }
    // The subject signs in on the first node; with several, the contacts on the others in turn, so every NLN crosses nodes.
    private static IPEndPoint ContactNode(IReadOnlyList<IPEndPoint> nodes, int contact) =>
        nodes.Count < 2 ? nodes[0] : nodes[1 + (contact % (nodes.Count - 1))];

    private static async Task ReadAsync(LoadConnection connection, int contact, string subject, PresenceTracker tracker, CancellationToken cancellationToken)
    {
        var account = Encoding.UTF8.GetBytes(subject);
        await connection.ReadFramesAsync(new NlnReader(contact, account, tracker), cancellationToken).ConfigureAwait(false);
    }

    // Reads NLN status account … in place: the contacts read 500 lines per change in the process
    // that runs the server, so the load side makes no strings of them.
    private readonly struct NlnReader(int contact, byte[] subject, PresenceTracker tracker) : ILoadFrameHandler
    {
        // NLN, the status, the account and a space or the end: a longer line needs only this much.
        private const int Head = 8 + 320 + 1;

        public bool OnFrame(in MsnpFrame frame)
        {
            if (frame.Command != CommandCodes.Nln)
            {
                return true;
            }

            var now = PresenceTracker.Now();
            var line = frame.Line;
            Span<byte> head = stackalloc byte[Head];
            var length = (int)Math.Min(line.Length, Head);
            line.Slice(0, length).CopyTo(head);
            var rest = head[..length];

            // NLN status account friendly-name [client-id]
            var afterCommand = rest.IndexOf((byte)' ');
            if (afterCommand < 0)
            {
                return true;
            }

            rest = rest[(afterCommand + 1)..];
            var afterStatus = rest.IndexOf((byte)' ');
            if (afterStatus < 0)
            {
                return true;
            }

            var status = rest[..afterStatus];
            rest = rest[(afterStatus + 1)..];
            var afterAccount = rest.IndexOfAny((byte)' ', (byte)'\r');
            var account = afterAccount < 0 ? rest : rest[..afterAccount];
            if (account.SequenceEqual(subject))
            {
                tracker.Observe(contact, status, now);
            }

            return true;
        }
    }
}
