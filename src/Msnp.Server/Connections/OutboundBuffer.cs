using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Connections;

/// <summary>
/// A connection's outgoing bytes. Any thread may append (presence fan-out, switchboard relays)
/// under a short lock; one writer loop drains batches to the transport. The pending size is
/// bounded: a receiver that stays full past the limit is cut off instead of growing memory.
/// </summary>
public sealed class OutboundBuffer
{
    private readonly Lock _sync = new();
    private readonly AutoResetSignal _signal = new();
    private readonly int _limit;
    private readonly MsnpConnection? _owner;
    private PooledSegmentBuffer _pending = new();
    private PooledSegmentBuffer _draining = new();
    private bool _closed;
    private bool _overflowed;

    // Mirrors _pending.WrittenCount for lock-free reads on the relay path, which asks every receiver after every message.
    private int _pendingCount;
    private bool _signalled;
    private TaskCompletionSource? _drainWaiter;

    /// <summary>Creates a buffer that holds at most <paramref name="limit"/> unsent bytes.</summary>
    public OutboundBuffer(int limit)
    {
        _limit = limit;
        HighWaterMark = limit / 2;
    }

    /// <summary>A connection's buffer: an overflow aborts <paramref name="owner"/> (a field, not an event handler per connection).</summary>
    internal OutboundBuffer(int limit, MsnpConnection owner)
        : this(limit)
    {
        _owner = owner;
    }

    /// <summary>Above this many pending bytes a producer that can wait (a switchboard sender) should, see <see cref="WaitForDrainAsync"/>.</summary>
    public int HighWaterMark { get; }

    /// <summary>True when more than <see cref="HighWaterMark"/> bytes wait to be sent.</summary>
    public bool IsAboveHighWater => Volatile.Read(ref _pendingCount) > HighWaterMark && !Volatile.Read(ref _closed);

    /// <summary>Completes once pending bytes fall to the high-water mark or the buffer closes.</summary>
    public Task WaitForDrainAsync()
    {
        lock (_sync)
        {
            if (_pending.WrittenCount <= HighWaterMark || _closed || _overflowed)
            {
                return Task.CompletedTask;
            }

            _drainWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drainWaiter.Task;
        }
    }

    /// <summary>Raised (once) when the pending bytes exceed the limit; the owner closes the connection.</summary>
    public event Action? Overflowed;

    /// <summary>True once the limit was exceeded.</summary>
    public bool HasOverflowed => Volatile.Read(ref _overflowed);

    /// <summary>Bytes waiting to be written.</summary>
    public int PendingBytes
    {
        get
        {
            lock (_sync)
            {
                return _pending.WrittenCount;
            }
        }
    }

    /// <summary>Appends bytes produced by <paramref name="write"/>; returns false when the buffer is closed or overflowed.</summary>
    public bool Write<TState>(TState state, Action<IBufferWriter<byte>, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        bool overflow;
        bool signal = false;
        lock (_sync)
        {
            if (_closed || _overflowed)
            {
                return false;
            }

            write(_pending, state);
            Volatile.Write(ref _pendingCount, _pending.WrittenCount);
            overflow = _pending.WrittenCount > _limit;
            if (overflow)
            {
                _overflowed = true;
            }
            else if (!_signalled)
            {
                _signalled = true;
                signal = true;
            }
        }

        if (overflow)
        {
            Diagnostics.ServerMetrics.OutputBufferDrops.Add(1);
            _owner?.Abort("output buffer full");
            Overflowed?.Invoke();
            return false;
        }

        if (signal)
        {
            _signal.Set();
        }

        return true;
    }

    /// <summary>Appends raw bytes.</summary>
    public bool Write(ReadOnlySpan<byte> bytes)
    {
        // Spans cannot be captured by the callback, so copy through a pooled array for the rare large case.
        var rented = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            bytes.CopyTo(rented);
            return Write((Array: rented, Length: bytes.Length), static (w, s) => w.Write(s.Array.AsSpan(0, s.Length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Stops accepting bytes; the writer loop flushes what is pending and ends.</summary>
    public void Complete()
    {
        bool signal = false;
        TaskCompletionSource? waiter;
        lock (_sync)
        {
            _closed = true;
            waiter = _drainWaiter;
            _drainWaiter = null;
            if (!_signalled)
            {
                _signalled = true;
                signal = true;
            }
        }

        waiter?.TrySetResult();
        if (signal)
        {
            _signal.Set();
        }
    }

    /// <summary>Completes when the writer ended (<see cref="Start"/>).</summary>
    internal Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts draining into <paramref name="output"/> (see <see cref="RunAsync"/>); <see cref="Completion"/> ends with it.</summary>
    internal void Start(PipeWriter output, CancellationToken flushCancellation, PipeReader? wakeWhenDone = null) =>
        Completion = RunAsync(output, flushCancellation, wakeWhenDone);

    /// <summary>Drains pending bytes into <paramref name="output"/> until <see cref="Complete"/> was called and everything pending is written.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="flushCancellation">Cancels a flush that waits for a peer that does not read. The wait for
    /// more bytes does not register on it: an idle connection holds no registration, and every way a
    /// connection ends calls <see cref="Complete"/>.</param>
    /// <param name="wakeWhenDone">A reader whose pending read is cancelled when this loop ends, so that it notices the close.</param>
    public async Task RunAsync(PipeWriter output, CancellationToken flushCancellation, PipeReader? wakeWhenDone = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            while (true)
            {
                await _signal.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                bool closed;
                lock (_sync)
                {
                    (_pending, _draining) = (_draining, _pending);
                    Volatile.Write(ref _pendingCount, _pending.WrittenCount);
                    _signalled = false;
                    closed = _closed;
                }

                if (_draining.WrittenCount > 0)
                {
                    Diagnostics.ServerMetrics.BytesSent.Add(_draining.WrittenCount);
                    await _draining.DrainAsync(output, flushCancellation).ConfigureAwait(false);
                }

                ReleaseDrainWaiter();

                // Writers check _closed under the same lock as the swap, so nothing can follow it.
                if (closed)
                {
                    return;
                }
            }
        }
        finally
        {
            wakeWhenDone?.CancelPendingRead();
        }
    }

    private void ReleaseDrainWaiter()
    {
        TaskCompletionSource? waiter = null;
        lock (_sync)
        {
            if (_drainWaiter is not null && _pending.WrittenCount <= HighWaterMark)
            {
                waiter = _drainWaiter;
                _drainWaiter = null;
            }
        }

        waiter?.TrySetResult();
    }
}
