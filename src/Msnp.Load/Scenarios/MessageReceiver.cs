using System.Diagnostics;
using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Scenarios;

/// <summary>
/// Reads one sender's messages on the receiving switchboard connection until the end marker:
/// checks each sequence number, records delivery latency from the timestamp in the body.
/// </summary>
public sealed class MessageReceiver
{
    private readonly LoadProgress _progress;
    private readonly InFlightWindow? _window;

    /// <summary>Creates a receiver reporting to <paramref name="progress"/> and, when given, to the sender's window.</summary>
    public MessageReceiver(LoadProgress progress, InFlightWindow? window = null)
    {
        _progress = progress;
        _window = window;
    }

    /// <summary>The sequence check for this sender.</summary>
    public SequenceChecker Checker { get; } = new();

    /// <summary>Delivery latencies.</summary>
    public LatencySamples Latency { get; } = new();

    /// <summary>Payload bytes received.</summary>
    public long Bytes { get; private set; }

    /// <summary>Messages whose body was not one of ours.</summary>
    public long Foreign { get; private set; }

    /// <summary>True once the end marker arrived.</summary>
    public bool Finished { get; private set; }

    /// <summary>When the end marker arrived (Stopwatch timestamp).</summary>
    public long FinishedAt { get; private set; }

    /// <summary>Reads until the end marker, the server closing, or cancellation.</summary>
    public async Task RunAsync(LoadConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.ReadFramesAsync(new Frames(this), cancellationToken).ConfigureAwait(false);
    }

    private bool OnFrame(in MsnpFrame frame)
    {
        if (frame.Command != CommandCodes.Msg)
        {
            return true;
        }

        var now = Stopwatch.GetTimestamp();
        if (!MessagePayload.TryRead(frame.Payload, out var sequence, out var sentAt))
        {
            Foreign++;
            return true;
        }

        if (sequence == MessagePayload.EndMarker)
        {
            Finished = true;
            FinishedAt = now;
            return false;
        }

        Checker.Observe(sequence);
        Latency.Add(now - sentAt);
        Bytes += frame.Payload.Length;
        _progress.Complete();
        _window?.Delivered();
        return true;
    }

    private readonly struct Frames(MessageReceiver receiver) : ILoadFrameHandler
    {
        public bool OnFrame(in MsnpFrame frame) => receiver.OnFrame(in frame);
    }
}
