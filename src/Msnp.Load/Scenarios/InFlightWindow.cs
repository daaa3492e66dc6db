namespace Msnp.Load.Scenarios;

/// <summary>
/// Caps how many of one sender's messages may be on their way at once. Without a cap a
/// pipelining sender fills every buffer between it and the receiver, and the measured latency
/// is just that queue's length divided by the rate; with one, latency shows the server's own
/// delay at a given load. The receiver wakes the sender once half the window has drained.
/// </summary>
public sealed class InFlightWindow
{
    private readonly SemaphoreSlim _signal = new(0);
    private long _sent;
    private long _delivered;
    private int _waiting;

    /// <summary>Creates a window of <paramref name="size"/> messages; 0 means no limit.</summary>
    public InFlightWindow(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
    }

    /// <summary>Messages allowed in flight; 0 means no limit.</summary>
    public long Size { get; }

    /// <summary>Sender side: waits until fewer than <see cref="Size"/> of the <paramref name="sent"/> messages are undelivered.</summary>
    public async ValueTask WaitForRoomAsync(long sent, CancellationToken cancellationToken)
    {
        if (Size == 0)
        {
            return;
        }

        Volatile.Write(ref _sent, sent);
        while (sent - Interlocked.Read(ref _delivered) > Size)
        {
            Interlocked.Exchange(ref _waiting, 1);

            // Re-check after announcing the wait: the receiver may have drained in between.
            if (sent - Interlocked.Read(ref _delivered) <= Size / 2)
            {
                Interlocked.Exchange(ref _waiting, 0);
                return;
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Receiver side: counts one delivery and wakes a waiting sender when half the window is free.</summary>
    public void Delivered()
    {
        if (Size == 0)
        {
            return;
        }

        var delivered = Interlocked.Increment(ref _delivered);
        if (Volatile.Read(ref _waiting) == 1 && Volatile.Read(ref _sent) - delivered <= Size / 2 && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _signal.Release();
        }
    }
}
