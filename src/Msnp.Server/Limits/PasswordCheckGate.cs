namespace Msnp.Server.Limits;

/// <summary>
/// Bounds the password hashes (PBKDF2, deliberately slow) verified at once: at most
/// <see cref="ServerLimits.MaxConcurrentPasswordChecks"/> run; the others wait in a queue as long as
/// the running slots can be expected to reach them within <see cref="ServerLimits.PasswordCheckQueueTimeout"/>
/// (from the measured time a check holds its slot), never more than
/// <see cref="ServerLimits.PasswordCheckQueue"/>. A request past that, or one whose wait runs out, is
/// answered busy without hashing, so a flood of guesses costs the server a bounded share of its
/// cores and the queue, not every thread of the pool; and a burst of sign-ins the slots can serve in
/// time waits its turn instead of being refused.
/// </summary>
public sealed class PasswordCheckGate
{
    private readonly SemaphoreSlim _slots;
    private readonly int _slotCount;
    private readonly int _queueLimit;
    private readonly TimeSpan _queueTimeout;
    private readonly TimeProvider _time;
    private int _admitted;

    // Mean time a check holds its slot (exponentially weighted, in TimeProvider ticks); 0 until one has finished.
    private long _meanHoldTicks;

    /// <summary>Creates the gate from the limits, timing checks with <paramref name="time"/> (the system clock when null).</summary>
    public PasswordCheckGate(ServerLimits limits, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _slotCount = Math.Max(1, limits.MaxConcurrentPasswordChecks);
        _slots = new SemaphoreSlim(_slotCount, _slotCount);
        _queueLimit = Math.Max(0, limits.PasswordCheckQueue);
        _queueTimeout = limits.PasswordCheckQueueTimeout;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Checks running or waiting now.</summary>
    internal int Admitted => Volatile.Read(ref _admitted);

    /// <summary>
    /// Checks that may wait now: as many as the slots are expected to finish within the queue
    /// timeout at the measured mean check time, at least one per slot and at most
    /// <see cref="ServerLimits.PasswordCheckQueue"/>. Before any check has finished, one per slot.
    /// </summary>
    internal int QueueCapacity
    {
        get
        {
            var floor = Math.Min(_queueLimit, _slotCount);
            var mean = Volatile.Read(ref _meanHoldTicks);
            if (mean <= 0)
            {
                return floor;
            }

            var timeoutTicks = _queueTimeout.TotalSeconds * _time.TimestampFrequency;
            var drained = timeoutTicks / mean * _slotCount;
            return drained >= _queueLimit ? _queueLimit : Math.Max(floor, (int)drained);
        }
    }

    /// <summary>
    /// Waits for a slot; <see langword="null"/> when the slots and the queue are full or the wait
    /// timed out (answer busy, do not verify). Dispose the slot when the check is done.
    /// </summary>
    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken, bool mayWait = true)
    {
        if (!mayWait)
        {
            // Only a slot free right now: such a check never takes a place in the queue.
            if (Interlocked.Increment(ref _admitted) > _slotCount + QueueCapacity || !_slots.Wait(0, CancellationToken.None))
            {
                Interlocked.Decrement(ref _admitted);
                Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.PasswordCheckLimiter);
                return null;
            }

            return new Slot(this);
        }

        if (Interlocked.Increment(ref _admitted) > _slotCount + QueueCapacity)
        {
            Interlocked.Decrement(ref _admitted);
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.PasswordCheckLimiter);
            return null;
        }

        bool entered = false;
        try
        {
            entered = await _slots.WaitAsync(_queueTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!entered)
            {
                Interlocked.Decrement(ref _admitted);
            }
        }

        if (!entered)
        {
            Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.PasswordCheckLimiter);
            return null;
        }

        return new Slot(this);
    }

    private void Exit(long enteredAt)
    {
        var held = Math.Max(1, _time.GetTimestamp() - enteredAt);
        var mean = Volatile.Read(ref _meanHoldTicks);

        // Weight 1/8 for the newest check: a few slow hashes move the estimate, one stray does not.
        // A racing update may be lost; the estimate only sizes the queue.
        Volatile.Write(ref _meanHoldTicks, mean <= 0 ? held : mean + ((held - mean) / 8));
        _slots.Release();
        Interlocked.Decrement(ref _admitted);
    }

    private sealed class Slot(PasswordCheckGate gate) : IDisposable
    {
        private readonly long _enteredAt = gate._time.GetTimestamp();
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Exit(_enteredAt);
            }
        }
    }
}
