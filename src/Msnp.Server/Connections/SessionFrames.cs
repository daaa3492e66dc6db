using System.Runtime.CompilerServices;
using Msnp.Protocol.Framing;

namespace Msnp.Server.Connections;

/// <summary>
/// Hands one of a connection's frames to its session for <see cref="MsnpConnectionHandler"/>'s
/// read loop: paces the reader and says to stop once the connection is closing.
/// </summary>
/// <param name="connection">The connection.</param>
/// <param name="session">Its session.</param>
internal readonly struct SessionFrames(MsnpConnection connection, IMsnpSession session)
{
    /// <summary>Handles <paramref name="frame"/>; true when the loop should read on.</summary>
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

    private bool KeepReading => !connection.IsClosing;

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
            connection.Output.SendFromReader();
        }

        await paced.ConfigureAwait(false);
        await session.HandleAsync(frame).ConfigureAwait(false);
        return KeepReading;
    }
}
