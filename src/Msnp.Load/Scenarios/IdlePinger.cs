using System.Diagnostics;
using Msnp.Load.Metrics;
using Msnp.Load.Net;

namespace Msnp.Load.Scenarios;

/// <summary>
/// Keeps held connections alive as clients do: each sends <c>PNG</c> once per interval and reads
/// up to the <c>QNG</c>, with the connections' turns spread evenly over the interval so the
/// server sees a steady trickle rather than bursts.
/// </summary>
internal static class IdlePinger
{
    private const int Workers = 16;

    public static async Task<(LatencySummary Latency, long Failed)> RunAsync(
        IReadOnlyList<LoadConnection> connections, TimeSpan duration, TimeSpan interval, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (interval <= TimeSpan.Zero || connections.Count == 0)
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
            return (LatencySummary.Empty, 0);
        }

        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var samples = Enumerable.Range(0, Workers).Select(_ => new LatencySamples()).ToArray();
        long failed = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            // A worker with no connection of its own (more workers than connections) has nothing to do.
            for (var round = 0L; w < connections.Count && started + (round * intervalTicks) < end; round++)
            {
                for (var i = w; i < connections.Count; i += Workers)
                {
                    var due = started + (round * intervalTicks) + (intervalTicks * i / connections.Count);
                    if (due >= end)
                    {
                        return;
                    }

                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }

                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        await ClientSteps.PingAsync(connections[i], cancellationToken).ConfigureAwait(false);
                        samples[w].Add(Stopwatch.GetTimestamp() - start);
                    }
                    catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or System.Net.Sockets.SocketException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }
        }, cancellationToken))).ConfigureAwait(false);

        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken).ConfigureAwait(false);
        }

        return (LatencySamples.Summarize(samples), failed);
    }

    /// <summary>
    /// Every connection sends one <c>PNG</c> and must read its <c>QNG</c> within <paramref name="timeout"/>
    /// of the round's start; a connection that does not (or fails) counts as failed.
    /// </summary>
    public static async Task<(long Answered, long Failed, double Seconds)> FinalRoundAsync(
        IReadOnlyList<LoadConnection> connections, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        long answered = 0, failed = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers * 4).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < connections.Count; i += Workers * 4)
            {
                try
                {
                    await ClientSteps.PingAsync(connections[i], deadline.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref answered);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or OperationCanceledException or System.Net.Sockets.SocketException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Interlocked.Increment(ref failed);
                }
            }
        }, CancellationToken.None))).ConfigureAwait(false);
        return (answered, failed, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
