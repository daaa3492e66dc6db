using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Connections;

/// <summary>
/// A connection's outgoing bytes. Any thread may append (presence fan-out, switchboard relays)
/// under a short lock; a drain on the thread pool sends batches to the transport. The pending size
/// is bounded: a receiver that stays full past the limit is cut off instead of growing memory.
/// A producer that tells many connections one thing (<see cref="Deliver"/>) writes to an idle
/// connection's transport itself, so a fan-out costs no thread hand-off per receiver; a switchboard
/// sender likewise sends a receiver's batch itself when nothing else is sending (<see cref="SendHeldBack"/>).
/// </summary>
/// <remarks>
/// The drain exists only while there is something to send: the first write after a quiet spell
/// queues it (this object is the thread pool's work item, so nothing is allocated), it sends until
/// nothing is pending and then ends. An idle connection therefore holds no writer loop, signal or
/// state machine (docs/benchmarks.md, memory per idle connection). A flush that has to wait for the
/// peer's window continues from the send's completion through a delegate made on the first such wait.
/// </remarks>
public sealed class OutboundBuffer : IThreadPoolWorkItem
{
    private readonly Lock _sync = new();
    private readonly int _limit;
    private readonly MsnpConnection? _owner;
    private PooledSegmentBuffer _pending = new();
    private PooledSegmentBuffer _draining = new();
    private bool _closed;
    private bool _overflowed;

    // Mirrors _pending.WrittenCount for lock-free reads on the relay path, which asks every receiver after every message.
    private int _pendingCount;

    // The transport is taken: a drain is queued or running (it takes whatever is pending before it
    // ends), or a Deliver caller is sending. Writes meanwhile only queue. Under _sync.
    private bool _drainScheduled;

    // Deliver may write to the transport itself (only where it can tell how much it wrote).
    private bool _inlineAllowed;

    // SendHeldBack may send a batch itself: the output is the own socket transport's.
    private bool _sendsHere;

    // The connection's reader holds the transport while it handles one receive's frames (see
    // HoldForReader): _drainScheduled is set for it, and it sends what they queued itself. Under _sync.
    private bool _readerHolds;
    private TaskCompletionSource? _drainWaiter;

    // Producers waiting for the drain without allocating (DrainWaiter), newest first.
    private DrainWaiter? _waiters;

    // Where the drain sends (set by Start).
    private PipeWriter? _output;
    private CancellationToken _flushCancellation;
    private PipeReader? _wakeWhenDone;

    // A flush that did not complete at once, whether its batch was the last, and the continuation
    // that picks the drain up again.
    private ValueTask<FlushResult> _flush;
    private bool _lastBatch;
    private Action? _onFlushed;

    // How the drain ended (null while it may still send), and a source for whoever waits before that.
    private Task? _ended;
    private TaskCompletionSource? _completion;

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
        Task waiting;
        bool handOver;
        lock (_sync)
        {
            if (_pending.WrittenCount <= HighWaterMark || _closed || _overflowed)
            {
                return Task.CompletedTask;
            }

            _drainWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = _drainWaiter.Task;
            handOver = TakeReaderHold();
        }

        if (handOver)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }

        return waiting;
    }

    /// <summary>Queues <paramref name="waiter"/> until the pending bytes fall to the high-water mark; false when they are there already (or the buffer closed).</summary>
    internal bool TryEnlist(DrainWaiter waiter)
    {
        bool handOver;
        lock (_sync)
        {
            if (_pending.WrittenCount <= HighWaterMark || _closed || _overflowed)
            {
                return false;
            }

            waiter.Next = _waiters;
            waiter.Listed = true;
            _waiters = waiter;
            handOver = TakeReaderHold();
        }

        if (handOver)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }

        return true;
    }

    /// <summary>
    /// The connection's reader is about to handle the frames of one receive: what they send (and
    /// anything else written meanwhile) waits, and <see cref="SendFromReader"/> sends it from the
    /// reader's thread once the frames are handled. The replies of a receive then go out in one
    /// send without a thread-pool hand-off, and a close among them ends the output there too.
    /// Nothing is held while a drain runs; someone waiting for the drain
    /// (<see cref="WaitForDrainAsync"/>, a <see cref="DrainWaiter"/>) releases the hold to the thread pool.
    /// </summary>
    internal void HoldForReader()
    {
        lock (_sync)
        {
            if (!_drainScheduled && _output is not null)
            {
                _drainScheduled = true;
                _readerHolds = true;
            }
        }
    }

    /// <summary>Ends <see cref="HoldForReader"/>: sends what is pending from this thread (or ends the output when it was closed). Idempotent.</summary>
    internal void SendFromReader()
    {
        lock (_sync)
        {
            if (!_readerHolds)
            {
                return;
            }

            _readerHolds = false;
            if (_pending.WrittenCount == 0 && !_closed)
            {
                _drainScheduled = false;
                return;
            }
        }

        Drain();
    }

    // Under _sync: whether the reader held the transport; if so, the caller queues the drain instead.
    private bool TakeReaderHold()
    {
        if (!_readerHolds)
        {
            return false;
        }

        _readerHolds = false;
        return true;
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
    /// not start the drain: the caller calls <see cref="Wake"/> once it has written a batch (a
    /// switchboard sender, after the messages of one receive), so the batch goes out in one drain
    /// instead of the drain racing the producer for every message. Bytes written this way wait
    /// until <see cref="Wake"/>, another write, or <see cref="Complete"/>.
    /// </summary>
    public bool WriteWithoutWaking<TState>(TState state, Action<IBufferWriter<byte>, TState> write) => Write(state, write, wake: false);

    /// <summary>Starts the drain for bytes appended by <see cref="WriteWithoutWaking"/>, unless it runs already.</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _pendingCount) == 0)
        {
            return;
        }

        lock (_sync)
        {
            if (_drainScheduled || _output is null || _pending.WrittenCount == 0)
            {
                return;
            }

            _drainScheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    /// <summary>
    /// As <see cref="Wake"/>, but when nothing is sending (no drain queued or running, the
    /// connection open), sends what was appended by <see cref="WriteWithoutWaking"/> from the
    /// calling thread instead of queuing a drain: a switchboard sender, after the messages of one
    /// receive, sends each receiver's batch itself, as a plain forwarder would, without a thread
    /// hand-off per receive. The caller never waits: a send that cannot finish at once (the
    /// receiver's window is full), a failure, more bytes queued meanwhile, or a close, is the
    /// drain's, as after any other batch. Only for the own socket transport, whose send is a
    /// non-blocking system call; other outputs are woken as by <see cref="Wake"/>.
    /// </summary>
    public void SendHeldBack()
    {
        if (Volatile.Read(ref _pendingCount) == 0)
        {
            return;
        }

        bool here;
        lock (_sync)
        {
            if (_drainScheduled || _output is null || _pending.WrittenCount == 0)
            {
                return;
            }

            // The batch is this thread's: every other writer only queues until _drainScheduled clears.
            _drainScheduled = true;
            here = _sendsHere && !_closed;
            if (here)
            {
                (_pending, _draining) = (_draining, _pending);
                Volatile.Write(ref _pendingCount, _pending.WrittenCount);
            }
        }

        if (!here)
        {
            // A close sends its last batch and ends the output: that is the drain's (it wakes the
            // connection's reader, which must not run on this producer's stack).
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
            return;
        }

        Diagnostics.ServerMetrics.BytesSent.Add(_draining.WrittenCount);
        ValueTask<FlushResult> flush;
        try
        {
            flush = ((Transport.SocketWriter)_output!).SendAsync(_draining, _flushCancellation);
        }
        catch (Exception e)
        {
            // Output already released under a close: the drain's continuation ends it (on the
            // thread pool: a completed task's continuation is queued, not run here).
            flush = ValueTask.FromException<FlushResult>(e);
        }

        FinishSendHere(flush);
    }

    // After a send from a producer's thread (SendHeldBack, Deliver): a send that could not finish at
    // once (a full window, a failure) is the drain's to continue, as after its own batch; otherwise
    // what was queued (or a close) while this thread sent is handed to the drain.
    private void FinishSendHere(ValueTask<FlushResult> flush)
    {
        if (!flush.IsCompletedSuccessfully)
        {
            ContinueAfter(flush, lastBatch: false);
            return;
        }

        flush.GetAwaiter().GetResult();
        ReleaseDrainWaiter();
        bool schedule;
        lock (_sync)
        {
            schedule = _pending.WrittenCount > 0 || _closed;
            _drainScheduled = schedule;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
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
            else if (wake && !_drainScheduled && _output is not null)
            {
                _drainScheduled = true;
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
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }

        return true;
    }

    /// <summary>
    /// As <see cref="Write{TState}"/>, but when nothing is queued and nothing is sending, writes
    /// straight to the transport and sends from the calling thread instead of queuing a drain: one
    /// thread can then tell hundreds of connections a presence change without a thread hand-off per
    /// connection. A send that cannot finish at once (a receiver whose window is full) is finished
    /// by the drain's continuation, before anything queued meanwhile; the caller never waits.
    /// </summary>
    public bool Deliver<TState>(TState state, Action<IBufferWriter<byte>, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        PipeWriter? output = null;
        lock (_sync)
        {
            if (_closed || _overflowed)
            {
                return false;
            }

            if (_inlineAllowed && !_drainScheduled && _pending.WrittenCount == 0)
            {
                output = _output;
                _drainScheduled = true;
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
            // The transport is gone (or its writer completed) under a close: as a drain's own
            // flush would, the failure ends the connection's output.
            flush = ValueTask.FromException<FlushResult>(e);
        }

        FinishSendHere(flush);
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
        DrainWaiter? waiters;
        lock (_sync)
        {
            _closed = true;
            waiter = _drainWaiter;
            _drainWaiter = null;
            waiters = TakeWaiters();
            if (!_drainScheduled && _output is not null)
            {
                _drainScheduled = true;
                signal = true;
            }
        }

        waiter?.TrySetResult();
        Release(waiters);
        if (signal)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>
    /// Completes when the drain ended: <see cref="Complete"/> was called and everything pending
    /// was sent, or a flush failed (the task then carries its exception).
    /// </summary>
    internal Task Completion
    {
        get
        {
            lock (_sync)
            {
                return _ended ?? (_completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Sends what is pending, and from now on what is written, to <paramref name="output"/> (once per buffer).</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="flushCancellation">Cancels a flush that waits for a peer that does not read. Nothing
    /// registers on it while the connection is idle, and every way a connection ends calls <see cref="Complete"/>.</param>
    /// <param name="wakeWhenDone">A reader whose pending read is cancelled when the drain ends, so that it notices the close.</param>
    internal void Start(PipeWriter output, CancellationToken flushCancellation, PipeReader? wakeWhenDone = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        bool schedule;
        lock (_sync)
        {
            if (_output is not null)
            {
                throw new InvalidOperationException("The buffer already sends to an output.");
            }

            _output = output;
            _inlineAllowed = output.CanGetUnflushedBytes;
            _sendsHere = output is Transport.SocketWriter;
            _flushCancellation = flushCancellation;
            _wakeWhenDone = wakeWhenDone;
            schedule = !_drainScheduled && (_pending.WrittenCount > 0 || _closed);
            _drainScheduled |= schedule;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>Drains pending bytes into <paramref name="output"/> until <see cref="Complete"/> was called and everything pending is written.</summary>
    /// <returns>A task that ends with the drain (see <see cref="Start"/>).</returns>
    public Task RunAsync(PipeWriter output, CancellationToken flushCancellation, PipeReader? wakeWhenDone = null)
    {
        Start(output, flushCancellation, wakeWhenDone);
        return Completion;
    }

    void IThreadPoolWorkItem.Execute() => Drain();

    // Sends batches until nothing is pending (then ends, to be queued again by the next write), the
    // buffer is closed and sent, a flush has to wait (OnFlushed picks up) or a flush fails.
    private void Drain()
    {
        while (true)
        {
            bool closed;
            lock (_sync)
            {
                if (_pending.WrittenCount == 0 && !_closed)
                {
                    _drainScheduled = false;
                    return;
                }

                (_pending, _draining) = (_draining, _pending);
                Volatile.Write(ref _pendingCount, _pending.WrittenCount);
                closed = _closed;
            }

            if (_draining.WrittenCount > 0)
            {
                Diagnostics.ServerMetrics.BytesSent.Add(_draining.WrittenCount);
                // Our own transport sends the segments themselves: no copy into a pipe. Starting a
                // flush can throw at once (output already disposed or completed); the drain runs as a
                // thread-pool work item, where an escaping exception would end the process.
                ValueTask<FlushResult> flush;
                try
                {
                    flush = _output is Transport.SocketWriter socket
                        ? socket.SendAsync(_draining, _flushCancellation)
                        : AsFlush(_draining.DrainAsync(_output!, _flushCancellation));
                }
                catch (Exception e)
                {
                    End(e);
                    return;
                }

                if (!flush.IsCompleted)
                {
                    ContinueAfter(flush, closed);
                    return;
                }

                if (!Flushed(flush))
                {
                    return;
                }
            }

            ReleaseDrainWaiter();

            // Writers check _closed under the same lock as the swap, so nothing can follow it.
            if (closed)
            {
                End(null);
                return;
            }
        }
    }

    // The drain goes on from OnFlushed once the flush completes.
    private void ContinueAfter(ValueTask<FlushResult> flush, bool lastBatch)
    {
        _flush = flush;
        _lastBatch = lastBatch;
        flush.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onFlushed ??= OnFlushed);
    }

    private void OnFlushed()
    {
        var flush = _flush;
        _flush = default;
        if (!Flushed(flush))
        {
            return;
        }

        ReleaseDrainWaiter();
        if (_lastBatch)
        {
            End(null);
            return;
        }

        Drain();
    }

    // False when the flush failed: the drain has then ended with its exception. Writes after that
    // stay pending until the limit cuts the connection off (every way a connection ends also closes the buffer).
    private bool Flushed(ValueTask<FlushResult> flush)
    {
        try
        {
            flush.GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e)
        {
            End(e);
            return false;
        }
    }

    private void End(Exception? failure)
    {
        TaskCompletionSource? completion;
        lock (_sync)
        {
            _ended = failure is null ? Task.CompletedTask : Task.FromException(failure);
            completion = _completion;
        }

        if (failure is null)
        {
            completion?.TrySetResult();
        }
        else
        {
            completion?.TrySetException(failure);
        }

        _wakeWhenDone?.CancelPendingRead();
    }

    private void ReleaseDrainWaiter()
    {
        TaskCompletionSource? waiter = null;
        DrainWaiter? waiters = null;
        lock (_sync)
        {
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

    // A pipe's drain as a flush: completes at once (nothing allocated) when the pipe took the bytes at once.
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<FlushResult> AsFlush(ValueTask drain)
    {
        await drain.ConfigureAwait(false);
        return default;
    }
}
