using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Reporting;
using Msnp.Load.Targets;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Scenarios;

/// <summary>Settings of the round-trip scenario.</summary>
/// <param name="Pairs">Switchboard sessions, each with one sender and one receiver.</param>
/// <param name="Size">Message body bytes.</param>
/// <param name="Duration">How long senders keep going.</param>
/// <param name="MaxRoundTrips">Round trips per sender at most; 0 for no limit.</param>
/// <param name="Warmup">
/// How long the same round trips run on the same sessions before the measured ones (null: none). It is
/// checked like the measured run and left out of the figures.
/// </param>
public sealed record RoundTripSettings(int Pairs, int Size, TimeSpan Duration, long MaxRoundTrips = 0, Warmup? Warmup = null);

/// <summary>
/// Send and wait: each sender writes <c>MSG TrID A len</c> and waits for the server's
/// <c>ACK</c> before the next; the time from write to ACK is the round trip.
/// </summary>
public static class RoundTripScenario
{
    /// <summary>Runs against <paramref name="target"/> and reports.</summary>
    public static async Task<LoadReport> RunAsync(ILoadTarget target, RoundTripSettings settings, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var pairs = await ChatPair.OpenAsync(target, settings.Pairs, progress, cancellationToken).ConfigureAwait(false);
        try
        {
            return await WarmedPhases.RunAsync(
                settings.Warmup,
                progress,
                (longest, until) => RunPhaseAsync(pairs, longest is { } time ? settings with { MaxRoundTrips = 0, Duration = time } : settings, progress, until, cancellationToken),
                static (warm, consistent) => string.Create(CultureInfo.InvariantCulture, $"{warm.Operations:N0} round trips in {warm.Seconds:F1} s, {(consistent ? "each acknowledged and delivered once, in order" : "INCONSISTENT")} (not in the figures)"),
                static warm => $"the warm-up acknowledged {warm.Operations:N0} and delivered {warm.Delivered:N0} of {warm.Sent:N0} messages, with {warm.Errors:N0} errors",
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

    // One round of round trips over the open sessions, from fresh sequence numbers to each sender's end
    // marker. Senders stop at the duration, or, when until is given, as soon as it completes (the warm-up).
    private static async Task<LoadReport> RunPhaseAsync(
        ChatPair[] pairs, RoundTripSettings settings, LoadProgress progress, Func<CancellationToken, Task>? until, CancellationToken cancellationToken)
    {
        // Receivers only check delivery; round trips are counted by the senders.
        var quiet = new LoadProgress();
        var receivers = pairs.Select(_ => new MessageReceiver(quiet)).ToArray();
        var senders = pairs.Select(_ => new AckingSender(settings.Size, progress)).ToArray();
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(settings.Duration + TimeSpan.FromSeconds(30));

        var counters = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var phase = PhaseDeadline.Start(started, settings.Duration, until, cancellationToken);
        var deadline = phase.At;
        var closing = phase.Closing;
        var receiving = pairs.Select((p, i) => receivers[i].RunAsync(p.Receiver, drain.Token)).ToArray();
        var sending = pairs.Select((p, i) => Task.Run(() => senders[i].RunAsync(p.Sender, deadline, settings.MaxRoundTrips, drain.Token))).ToArray();
        var errors = 0L;
        try
        {
            await Task.WhenAll(sending).ConfigureAwait(false);
            await closing.ConfigureAwait(false);
            progress.Phase = until is null ? "draining" : "warm-up draining";
            await Task.WhenAll(receiving).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            errors++;
        }

        var runtime = RuntimeCounters.Now().Since(counters);
        var latency = LatencySamples.Summarize(senders.Select(s => s.Latency));
        return PairRunResult.Build(
            "roundtrip", "round trips",
            [PairRunResult.Setting("pairs", settings.Pairs), PairRunResult.Setting("size", settings.Size), PairRunResult.Setting("duration", settings.Duration.TotalSeconds), PairRunResult.Setting("warmup", settings.Warmup?.ToString() ?? "0")],
            started, runtime, senders.Select(s => s.Sent).ToArray(), receivers, senders.Sum(s => s.Acked), latency, errors + senders.Sum(s => s.Naks));
    }

    private sealed class AckingSender
    {
        private readonly MessageWriter _messages;
        private readonly LoadProgress _progress;
        private uint _waitingFor;
        private bool _acked;

        public AckingSender(int size, LoadProgress progress)
        {
            _messages = new MessageWriter(size, 'A');
            _progress = progress;
        }

        public LatencySamples Latency { get; } = new();

        public long Sent { get; private set; }

        public long Acked { get; private set; }

        public long Naks { get; private set; }

        public async Task RunAsync(LoadConnection connection, StrongBox<long> deadline, long max, CancellationToken cancellationToken)
        {
            var limit = max > 0 ? max : long.MaxValue;
            while (Sent < limit && Stopwatch.GetTimestamp() < Volatile.Read(ref deadline.Value))
            {
                var start = Stopwatch.GetTimestamp();
                _waitingFor = _messages.Write(connection.Writer, Sent++, start);
                await connection.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (!await connection.ReadFramesAsync(new Frames(this), cancellationToken).ConfigureAwait(false))
                {
                    throw new EndOfStreamException("The switchboard closed the sender's connection.");
                }

                Latency.Add(Stopwatch.GetTimestamp() - start);
                if (_acked)
                {
                    Acked++;
                    _progress.Complete();
                }
                else
                {
                    Naks++;
                    _progress.Fail();
                }
            }

            _messages.WriteEnd(connection.Writer, Stopwatch.GetTimestamp());
            await connection.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        private bool OnFrame(in MsnpFrame frame)
        {
            if (frame.TrId != _waitingFor || (frame.Command != CommandCodes.Ack && frame.Command != CommandCodes.Nak))
            {
                return true;
            }

            _acked = frame.Command == CommandCodes.Ack;
            return false;
        }

        private readonly struct Frames(AckingSender sender) : ILoadFrameHandler
        {
            public bool OnFrame(in MsnpFrame frame) => sender.OnFrame(in frame);
        }
    }
}
