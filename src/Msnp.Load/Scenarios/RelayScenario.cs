using System.Diagnostics;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;
using Msnp.Load.Targets;

namespace Msnp.Load.Scenarios;

/// <summary>Settings of the relay scenario.</summary>
/// <param name="Pairs">Switchboard sessions, each with one sender and one receiver.</param>
/// <param name="Size">Message body bytes.</param>
/// <param name="Duration">How long senders keep sending.</param>
/// <param name="MaxMessages">Messages per sender at most; 0 for no limit.</param>
/// <param name="Window">Messages per sender in flight at most; 0 for no limit (fill every buffer).</param>
public sealed record RelaySettings(int Pairs, int Size, TimeSpan Duration, long MaxMessages = 0, long Window = 0);

/// <summary>
/// Pipelined one-way chat: each sender writes <c>MSG TrID U len</c> as fast as the server takes
/// them, in batches; each receiver checks arrival and order and measures delivery latency.
/// </summary>
public static class RelayScenario
{
    private const int Batch = 16;

    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(ILoadTarget target, RelaySettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var pairs = await ChatPair.OpenAsync(target, settings.Pairs, progress, cancellationToken).ConfigureAwait(false);
        try
        {
            var windows = pairs.Select(_ => new InFlightWindow(settings.Window)).ToArray();
            var receivers = windows.Select(w => new MessageReceiver(progress, w)).ToArray();
            var sent = new long[pairs.Length];
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            drain.CancelAfter(settings.Duration + TimeSpan.FromSeconds(30));

            progress.Phase = "running";
            var counters = RuntimeCounters.Now();
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
            var receiving = pairs.Select((p, i) => receivers[i].RunAsync(p.Receiver, drain.Token)).ToArray();
            var sending = pairs.Select((p, i) => Task.Run(async () => sent[i] = await SendAsync(p, windows[i], settings, deadline, drain.Token).ConfigureAwait(false))).ToArray();
            await Task.WhenAll(sending).ConfigureAwait(false);
            progress.Phase = "draining";
            var errors = 0L;
            try
            {
                await Task.WhenAll(receiving).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                errors++;
            }

            var runtime = RuntimeCounters.Now().Since(counters);
            var latency = LatencySamples.Summarize(receivers.Select(r => r.Latency));
            return PairRunResult.Build(
                "relay", "messages",
                [PairRunResult.Setting("pairs", settings.Pairs), PairRunResult.Setting("size", settings.Size), PairRunResult.Setting("duration", settings.Duration.TotalSeconds), PairRunResult.Setting("window", settings.Window)],
                started, runtime, sent, receivers, -1, latency, errors) with { Details = ChatPair.NodeDetails(target, pairs) };
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> SendAsync(ChatPair pair, InFlightWindow window, RelaySettings settings, long deadline, CancellationToken cancellationToken)
    {
        var messages = new MessageWriter(settings.Size, 'U');
        var writer = pair.Sender.Writer;
        var limit = settings.MaxMessages > 0 ? settings.MaxMessages : long.MaxValue;
        long sequence = 0;
        while (sequence < limit && Stopwatch.GetTimestamp() < deadline)
        {
            await window.WaitForRoomAsync(sequence, cancellationToken).ConfigureAwait(false);
            var batchEnd = Math.Min(limit, sequence + Batch);
            while (sequence < batchEnd)
            {
                messages.Write(writer, sequence++, Stopwatch.GetTimestamp());
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        messages.WriteEnd(writer, Stopwatch.GetTimestamp());
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return sequence;
    }
}
