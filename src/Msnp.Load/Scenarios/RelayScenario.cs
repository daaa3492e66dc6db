using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
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
/// <param name="Warmup">
/// How long the same relay runs on the same sessions before the measured one (null: none). It ends
/// with its own end markers, is checked like the measured run, and is left out of the figures.
/// </param>
public sealed record RelaySettings(int Pairs, int Size, TimeSpan Duration, long MaxMessages = 0, long Window = 0, Warmup? Warmup = null);

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
            return await WarmedPhases.RunAsync(
                settings.Warmup,
                progress,
                (longest, until) => RunPhaseAsync(pairs, longest is { } time ? settings with { MaxMessages = 0, Duration = time } : settings, progress, until, cancellationToken),
                static (warm, consistent) => string.Create(CultureInfo.InvariantCulture, $"{warm.Delivered:N0} messages in {warm.Seconds:F1} s, {(consistent ? "each once and in order" : "INCONSISTENT")} (not in the figures)"),
                static warm => $"the warm-up delivered {warm.Delivered:N0} of {warm.Sent:N0} messages, {warm.Reordered:N0} out of order",
                () => ChatPair.NodeDetails(target, pairs)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // One relay over the open sessions, from fresh sequence numbers to each sender's end marker. Senders
    // stop at the duration, or, when until is given, as soon as it completes (the warm-up).
    private static async Task<LoadReport> RunPhaseAsync(
        ChatPair[] pairs, RelaySettings settings, LoadProgress progress, Func<CancellationToken, Task>? until, CancellationToken cancellationToken)
    {
        var windows = pairs.Select(_ => new InFlightWindow(settings.Window)).ToArray();
        var receivers = windows.Select(w => new MessageReceiver(progress, w)).ToArray();
        var sent = new long[pairs.Length];
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(settings.Duration + TimeSpan.FromSeconds(30));

        var counters = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var phase = PhaseDeadline.Start(started, settings.Duration, until, cancellationToken);
        var deadline = phase.At;
        var closing = phase.Closing;
        var receiving = pairs.Select((p, i) => receivers[i].RunAsync(p.Receiver, drain.Token)).ToArray();
        var sending = pairs.Select((p, i) => Task.Run(async () => sent[i] = await SendAsync(p, windows[i], settings, deadline, drain.Token).ConfigureAwait(false))).ToArray();
        await Task.WhenAll(sending).ConfigureAwait(false);
        await closing.ConfigureAwait(false);
        progress.Phase = until is null ? "draining" : "warm-up draining";
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
            [PairRunResult.Setting("pairs", settings.Pairs), PairRunResult.Setting("size", settings.Size), PairRunResult.Setting("duration", settings.Duration.TotalSeconds), PairRunResult.Setting("window", settings.Window), PairRunResult.Setting("warmup", settings.Warmup?.ToString() ?? "0")],
            started, runtime, sent, receivers, -1, latency, errors);
    }

    private static async Task<long> SendAsync(ChatPair pair, InFlightWindow window, RelaySettings settings, StrongBox<long> deadline, CancellationToken cancellationToken)
    {
        var messages = new MessageWriter(settings.Size, 'U');
        var writer = pair.Sender.Writer;
        var limit = settings.MaxMessages > 0 ? settings.MaxMessages : long.MaxValue;
        long sequence = 0;
        while (sequence < limit && Stopwatch.GetTimestamp() < Volatile.Read(ref deadline.Value))
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
