using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Connections;

/// <summary>
/// A connection's outgoing bytes. Any thread may append (presence fan-out, switchboard relays)
/// under a short lock; one writer loop drains batches to the transport. The pending size is
/// bounded: a receiver that stays full past the limit is cut off instead of growing memory.
/// A producer that tells many connections one thing (<see cref="Deliver"/>) writes to an idle
/// connection's transport itself, so a fan-out costs no wake-up of each receiver's writer loop.
/// </summary>
public sealed class OutboundBuffer
{
    private readonly Lock _sync = new();
    private readonly AutoResetSignal _signal = new();
    private readonly int _limit;
    private PooledSegmentBuffer _pending = new();
    private PooledSegmentBuffer _draining = new();
    private bool _closed;
    private bool _overflowed;

    // Mirrors _pending.WrittenCount for lock-free reads on the relay path, which asks every receiver after every message.
    private int _pendingCount;
    private bool _signalled;
    private TaskCompletionSource? _drainWaiter;

    // The transport, once the writer loop runs. Whoever owns it writes to it: the loop from its
    // swap to the end of its drain (_loopDraining), or a Deliver caller (_inlineOwned) that found
    // nothing queued and the loop idle. A Deliver whose flush could not finish at once hands the
    // rest to the loop (_handoff), which awaits it before it drains anything else, so bytes keep
    // their order.
    private PipeWriter? _output;
    private CancellationToken _flushCancellation;
    private bool _loopDraining;
    private bool _inlineOwned;
    private Task? _handoff;

    // Producers waiting for the drain without allocating (DrainWaiter), newest first.
    private DrainWaiter? _waiters;

    /// <summary>Creates a buffer that holds at most <paramref name="limit"/> unsent bytes.</summary>
    public OutboundBuffer(int limit)
    {
        _limit = limit;
        HighWaterMark = limit / 2;
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

    /// <summary>Queues <paramref name="waiter"/> until the pending bytes fall to the high-water mark; false when they are there already (or the buffer closed).</summary>
    internal bool TryEnlist(DrainWaiter waiter)
    {
        lock (_sync)
        {
            if (_pending.WrittenCount <= HighWaterMark || _closed || _overflowed)
            {
                return false;
            }

            waiter.Next = _waiters;
            waiter.Listed = true;
            _waiters = waiter;
            return true;
        }
    }

    /// <summary>Takes <paramref name="waiter"/> off the queue (its time is up); false when the drain has taken it already.</summary>
    internal bool TryDelist(DrainWaiter waiter)
    {
        lock (_sync)
        {
            if (!waiter.Listed)
            {
                return false;
            }

            ref var link = ref _waiters;
            while (link is not null && !ReferenceEquals(link, waiter))
            {
                link = ref link.Next;
            }

            link = waiter.Next;
            waiter.Next = null;
            waiter.Listed = false;
            return true;
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
    public bool Write<TState>(TState state, Action<IBufferWriter<byte>, TState> write) => Write(state, write, wake: true);

    /// <summary>
    /// Appends like <see cref="Write{TState}(TState, Action{IBufferWriter{byte}, TState})"/> but does
    /// not wake the writer: the caller calls <see cref="Wake"/> once it has written a batch (a
    /// switchboard sender, after the messages of one receive), so the batch goes out in one drain
    /// instead of the writer racing the producer for every message. Bytes written this way wait
    /// until <see cref="Wake"/>, another write, or <see cref="Complete"/>.
    /// </summary>
    public bool WriteWithoutWaking<TState>(TState state, Action<IBufferWriter<byte>, TState> write) => Write(state, write, wake: false);

    /// <summary>Wakes the writer for bytes appended by <see cref="WriteWithoutWaking"/>, unless it was woken already.</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _pendingCount) == 0)
        {
            return;
        }

        lock (_sync)
        {
            if (_signalled || _pending.WrittenCount == 0)
            {
                return;
            }

            _signalled = true;
        }

        _signal.Set();
    }

    private bool Write<TState>(TState state, Action<IBufferWriter<byte>, TState> write, bool wake)
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
            else if (wake && !_signalled)
            {
                _signalled = true;
                signal = true;
            }
        }

        if (overflow)
        {
            Diagnostics.ServerMetrics.OutputBufferDrops.Add(1);
            Overflowed?.Invoke();
            return false;
        }

        if (signal)
        {
            _signal.Set();
        }

        return true;
    }

    /// <summary>
    /// As <see cref="Write{TState}"/>, but when nothing is queued and no flush is running, writes
    /// straight to the transport and sends from the calling thread instead of waking the writer
    /// loop: one thread can then tell hundreds of connections a presence change without a thread
    /// hand-off per connection. A send that cannot finish at once (a receiver whose window is full)
    /// is left to the writer loop; the caller never waits.
    /// </summary>
    public bool Deliver<TState>(TState state, Action<IBufferWriter<byte>, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        PipeWriter? output;
        lock (_sync)
        {
            output = _output;
            if (_closed || _overflowed)
            {
                return false;
            }

            if (output is null || _signalled || _loopDraining || _inlineOwned || _pending.WrittenCount > 0)
            {
                output = null;
            }
            else
            {
                _inlineOwned = true;
            }
        }

        if (output is null)
        {
            return Write(state, write);
        }

        ValueTask<FlushResult> flush;
        try
        {
            long before = output.UnflushedBytes;
            write(output, state);
            Diagnostics.ServerMetrics.BytesSent.Add(output.UnflushedBytes - before);
            flush = output.FlushAsync(_flushCancellation);
        }
        catch (Exception e)
        {
            // The transport is gone (or its writer completed) under a close: as the loop's own
            // flush would, the failure ends the connection's output; the loop ends after the close.
            flush = ValueTask.FromException<FlushResult>(e);
        }

        if (flush.IsCompletedSuccessfully)
        {
            flush.GetAwaiter().GetResult();
            EndInline();
            return true;
        }

        var rest = flush.AsTask();
        lock (_sync)
        {
            _handoff = rest;
            if (_signalled)
            {
                return true;
            }

            _signalled = true;
        }

        _signal.Set();
        return true;
    }

    // A Deliver's flush finished at once: the loop takes over again, and is woken if bytes were
    // queued (or the buffer completed) while the caller owned the transport.
    private void EndInline()
    {
        bool signal = false;
        lock (_sync)
        {
            _inlineOwned = false;
            if ((_pending.WrittenCount > 0 || _closed) && !_signalled)
            {
                _signalled = true;
                signal = true;
            }
        }

        if (signal)
        {
            _signal.Set();
        }

        ReleaseDrainWaiter();
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
        DrainWaiter? waiters;
        lock (_sync)
        {
            _closed = true;
            waiter = _drainWaiter;
            _drainWaiter = null;
            waiters = TakeWaiters();
            if (!_signalled)
            {
                _signalled = true;
                signal = true;
            }
        }

        waiter?.TrySetResult();
        Release(waiters);
        if (signal)
        {
            _signal.Set();
        }
    }

    /// <summary>Drains pending bytes into <paramref name="output"/> until <see cref="Complete"/> was called and everything pending is written.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="flushCancellation">Cancels a flush that waits for a peer that does not read. The wait for
    /// more bytes does not register on it: an idle connection holds no registration, and every way a
    /// connection ends calls <see cref="Complete"/>.</param>
    /// <param name="wakeWhenDone">A reader whose pending read is cancelled when this loop ends, so that it notices the close.</param>
    public async Task RunAsync(PipeWriter output, CancellationToken flushCancellation, PipeReader? wakeWhenDone = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_sync)
        {
            // Deliver writes to the transport itself only where it can tell what it wrote.
            _output = output.CanGetUnflushedBytes ? output : null;
            _flushCancellation = flushCancellation;
        }

        try
        {
            while (true)
            {
                await _signal.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                Task? handoff;
                lock (_sync)
                {
                    handoff = _handoff;
                    _handoff = null;
                    if (_inlineOwned && handoff is null)
                    {
                        // A Deliver is sending now; it wakes the loop when it is done if anything is queued.
                        _signalled = false;
                        continue;
                    }
                }

                if (handoff is not null)
                {
                    try
                    {
                        await handoff.ConfigureAwait(false);
                    }
                    finally
                    {
                        lock (_sync)
                        {
                            _inlineOwned = false;
                        }
                    }
                }

                bool closed;
                lock (_sync)
                {
                    (_pending, _draining) = (_draining, _pending);
                    Volatile.Write(ref _pendingCount, _pending.WrittenCount);
                    _signalled = false;
                    _loopDraining = true;
                    closed = _closed;
                }

                if (_draining.WrittenCount > 0)
                {
                    Diagnostics.ServerMetrics.BytesSent.Add(_draining.WrittenCount);
                    if (output is Transport.SocketWriter socket)
                    {
                        // Our own transport sends the segments themselves: no copy into a pipe.
                        await socket.SendAsync(_draining, flushCancellation).ConfigureAwait(false);
                    }
                    else
                    {
                        await _draining.DrainAsync(output, flushCancellation).ConfigureAwait(false);
                    }
                }

                // Ends the drain under the same lock (a failed drain ends the loop, and Deliver with it).
                ReleaseDrainWaiter(drained: true);

                // Writers check _closed under the same lock as the swap, so nothing can follow it.
                if (closed)
                {
                    return;
                }
            }
        }
        finally
        {
            lock (_sync)
            {
                // Nothing writes to the transport once the loop is gone.
                _output = null;
            }

            wakeWhenDone?.CancelPendingRead();
        }
    }

    private void ReleaseDrainWaiter(bool drained = false)
    {
        TaskCompletionSource? waiter = null;
        DrainWaiter? waiters = null;
        lock (_sync)
        {
            if (drained)
            {
                _loopDraining = false;
            }

            if (_pending.WrittenCount <= HighWaterMark)
            {
                waiter = _drainWaiter;
                _drainWaiter = null;
                waiters = TakeWaiters();
            }
        }

        waiter?.TrySetResult();
        Release(waiters);
    }

    // Under the lock: the whole queue, each marked as taken, so that its timer leaves it to Release.
    private DrainWaiter? TakeWaiters()
    {
        var first = _waiters;
        _waiters = null;
        for (var w = first; w is not null; w = w.Next)
        {
            w.Listed = false;
        }

        return first;
    }

    // Outside the lock. A waiter is reused only after it completed, so its link is read first.
    private static void Release(DrainWaiter? waiters)
    {
        while (waiters is not null)
        {
            var next = waiters.Next;
            waiters.Next = null;
            waiters.OnDrained();
            waiters = next;
        }
    }
}
