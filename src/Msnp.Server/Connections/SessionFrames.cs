using System.Runtime.CompilerServices;
using Msnp.Protocol.Framing;

namespace Msnp.Server.Connections;

/// <summary>
/// Feeds a connection's frames to its session through <see cref="FrameLoop"/>: paces the reader,
/// stops once the connection is closing, and counts the bytes read.
/// </summary>
/// <param name="connection">The connection.</param>
/// <param name="session">Its session, which also picks the scanner.</param>
/// <param name="justOne">Stop after the first frame (so the caller can drop the first-command deadline).</param>
internal readonly struct SessionFrames(MsnpConnection connection, IMsnpSession session, bool justOne) : IFrameHandler
{
    public FrameScanner Scanner => session.Scanner;

    public ValueTask<bool> OnFrameAsync(MsnpFrame frame)
    {
        if (connection.IsClosing)
        {
            return new(false);
        }

        if (connection.Pacer is { } pacer)
        {
            return PacedAsync(pacer, frame);
        }

        var handled = session.HandleAsync(frame);
        if (!handled.IsCompletedSuccessfully)
        {
            return AfterAsync(handled);
        }

        handled.GetAwaiter().GetResult();
        return new(KeepReading);
    }

    public void OnConsumed(long bytes)
    {
        Diagnostics.ServerMetrics.BytesReceived.Add(bytes);
        session.OnFramesHandled();
    }

    private bool KeepReading => !justOne && !connection.IsClosing;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AfterAsync(ValueTask handled)
    {
        await handled.ConfigureAwait(false);
        return KeepReading;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> PacedAsync(Limits.CommandPacer pacer, MsnpFrame frame)
    {
        var paced = pacer.PaceAsync(connection.ReadCancellation);
        if (!paced.IsCompleted)
        {
            // What the frames before this one sent goes out before the reader waits.
            session.OnFramesHandled();
        }

        await paced.ConfigureAwait(false);
        await session.HandleAsync(frame).ConfigureAwait(false);
        return KeepReading;
    }
}
