using System.Diagnostics;
using System.Globalization;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Targets;

namespace Msnp.Load.Scenarios;

/// <summary>Two signed-in users in one switchboard session: the sender opened it, the receiver answered.</summary>
public sealed class ChatPair : IAsyncDisposable
{
    private readonly LoadConnection _senderNs;
    private readonly LoadConnection _receiverNs;

    private ChatPair(LoadConnection senderNs, LoadConnection receiverNs, LoadConnection sender, LoadConnection receiver)
    {
        _senderNs = senderNs;
        _receiverNs = receiverNs;
        Sender = sender;
        Receiver = receiver;
    }

    /// <summary>The sender's switchboard connection.</summary>
    public LoadConnection Sender { get; }

    /// <summary>The receiver's switchboard connection.</summary>
    public LoadConnection Receiver { get; }

    /// <summary>
    /// Time from the sender's <c>XFR SB</c> to its <c>JOI</c> of the receiver: the switchboard,
    /// <c>CAL</c>, the receiver's <c>RNG</c> and its <c>ANS</c> (with several nodes, the invitation crossing).
    /// </summary>
    public long OpenTicks { get; private init; }

    /// <summary>
    /// How long one pair's set-up (two sign-ins, going online, one session) may take: a target that
    /// never answers a step fails the run with the step it was waiting for instead of hanging it.
    /// </summary>
    public static readonly TimeSpan SetUpTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Creates 2 × <paramref name="count"/> accounts and opens one session per pair. With several
    /// nodes, pair i's sender signs in on node i mod n and its receiver on the next node, so
    /// every invitation crosses nodes and the switchboard is on the sender's node.
    /// </summary>
    public static async Task<ChatPair[]> OpenAsync(ILoadTarget target, int count, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Phase = "creating accounts";
        var accounts = await target.CreateAccountsAsync("pair", 2 * count, realPasswordHash: false, cancellationToken).ConfigureAwait(false);
        progress.Phase = "opening sessions";
        var pairs = new ChatPair[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, outer) =>
        {
            var (a, b) = (accounts[2 * i], accounts[(2 * i) + 1]);
            using var setUp = CancellationTokenSource.CreateLinkedTokenSource(outer);
            setUp.CancelAfter(SetUpTimeout);
            var ct = setUp.Token;
            var step = "signing in";
            try
            {
                var nodes = target.Nodes;
                var nsA = await ClientSteps.SignInAsync(target, nodes[i % nodes.Count], a, ct).ConfigureAwait(false);
                var nsB = await ClientSteps.SignInAsync(target, nodes[(i + 1) % nodes.Count], b, ct).ConfigureAwait(false);
                step = "going online";
                await ClientSteps.GoOnlineAsync(nsA, ct).ConfigureAwait(false);
                await ClientSteps.GoOnlineAsync(nsB, ct).ConfigureAwait(false);
                step = "opening the switchboard session";
                var opening = Stopwatch.GetTimestamp();
                var (sbA, sbB) = await ClientSteps.OpenSessionAsync(nsA, a, nsB, b, ct).ConfigureAwait(false);
                pairs[i] = new ChatPair(nsA, nsB, sbA, sbB) { OpenTicks = Stopwatch.GetTimestamp() - opening };
            }
            catch (OperationCanceledException) when (setUp.IsCancellationRequested && !outer.IsCancellationRequested)
            {
                throw new InvalidOperationException($"Pair {i} ({a.Email}, {b.Email}) got no answer within {SetUpTimeout.TotalSeconds:F0} s while {step}.");
            }
        }).ConfigureAwait(false);
        return pairs;
    }

    /// <summary>
    /// The report's lines about where the users sat: nothing on one node; with several, the
    /// placement and the time the sessions took to open (<see cref="OpenTicks"/>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> NodeDetails(ILoadTarget target, ChatPair[] pairs)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(pairs);
        if (target.Nodes.Count < 2)
        {
            return [];
        }

        var opened = LatencySummary.FromTicks(pairs.Select(p => p.OpenTicks).ToArray());
        return
        [
            PairRunResult.Setting("nodes", string.Create(CultureInfo.InvariantCulture, $"{target.Nodes.Count} ({string.Join(", ", target.Nodes)}); senders on node i, receivers on node i+1, switchboard on the sender's node")),
            PairRunResult.Setting("session set-up", string.Create(CultureInfo.InvariantCulture, $"p50 {opened.P50 / 1000:F2} ms, p99 {opened.P99 / 1000:F2} ms ({opened.Count:N0} sessions: XFR SB to JOI)")),
        ];
    }

    /// <summary>Closes all four connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Sender.DisposeAsync().ConfigureAwait(false);
        await Receiver.DisposeAsync().ConfigureAwait(false);
        await _senderNs.DisposeAsync().ConfigureAwait(false);
        await _receiverNs.DisposeAsync().ConfigureAwait(false);
    }
}
