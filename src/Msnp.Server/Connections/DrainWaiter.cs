using System.Threading.Tasks.Sources;

namespace Msnp.Server.Connections;

/// <summary>
/// A producer's reusable wait for one <see cref="OutboundBuffer"/> to fall to its high-water mark,
/// with a timeout: a switchboard sender waits for a receiver that is behind. Unlike
/// <see cref="OutboundBuffer.WaitForDrainAsync"/> raced against a delay, a wait allocates
/// nothing: the waiter is queued on the buffer's own list, and its one timer (made at the first
/// wait) is re-armed each time. One wait at a time.
/// </summary>
internal sealed class DrainWaiter : IValueTaskSource<bool>, IDisposable
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Done = 2;

    private readonly TimeProvider _time;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private ITimer? _timer;
    private OutboundBuffer? _buffer;
    private long _deadline;
    private int _state;

    public DrainWaiter(TimeProvider time) => _time = time;

    /// <summary>The buffer's list of waiters (guarded by the buffer's lock).</summary>
    internal DrainWaiter? Next;

    /// <summary>On a buffer's list (guarded by the buffer's lock).</summary>
    internal bool Listed { get; set; }

    /// <summary>True once <paramref name="buffer"/> is at or below its high-water mark (or closed), false when <paramref name="timeout"/> passed first.</summary>
    public ValueTask<bool> WaitAsync(OutboundBuffer buffer, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _core.Reset();
        var version = _core.Version;
        _buffer = buffer;
        _deadline = timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.FromDays(1)
            ? long.MaxValue
            : _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        Volatile.Write(ref _state, Waiting);
        if (!buffer.TryEnlist(this))
        {
            // Drained already.
            _state = Idle;
            _buffer = null;
            return new ValueTask<bool>(true);
        }

        _timer ??= _time.CreateTimer(static s => ((DrainWaiter)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        return new ValueTask<bool>(this, version);
    }

    /// <summary>The buffer drained: it took this waiter off its list.</summary>
    internal void OnDrained() => Finish(true);

    public void Dispose() => _timer?.Dispose();

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _buffer = null;
        var drained = _core.GetResult(token);
        Volatile.Write(ref _state, Idle);
        return drained;
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void OnTimer()
    {
        // A callback of an earlier wait's timer can still run after that wait ended: only the
        // current wait's deadline counts. A waiter the buffer has already taken off its list is
        // being completed by the buffer (as drained), so it is not timed out here.
        var buffer = Volatile.Read(ref _buffer);
        if (buffer is null || Volatile.Read(ref _state) != Waiting)
        {
            return;
        }

        var remaining = Volatile.Read(ref _deadline) - _time.GetTimestamp();
        if (remaining > 0)
        {
            // Early (an earlier wait's callback, or timer granularity): wait for the rest.
            try
            {
                _timer?.Change(TimeSpan.FromSeconds((double)remaining / _time.TimestampFrequency), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }

            return;
        }

        if (buffer.TryDelist(this))
        {
            Finish(false);
        }
    }

    private void Finish(bool drained)
    {
        if (Interlocked.CompareExchange(ref _state, Done, Waiting) == Waiting)
        {
            _core.SetResult(drained);
        }
    }
}
