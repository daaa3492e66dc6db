namespace Msnp.Server.Limits;

/// <summary>
/// Bounds the password hashes (PBKDF2, deliberately slow) verified at once: at most
/// <see cref="ServerLimits.MaxConcurrentPasswordChecks"/> run, at most
/// <see cref="ServerLimits.PasswordCheckQueue"/> wait, each no longer than
/// <see cref="ServerLimits.PasswordCheckQueueTimeout"/>. A request past that is answered busy
/// without hashing, so a flood of guesses costs the server a bounded share of its cores and the
/// queue, not every thread of the pool. The queue is served in arrival order (the semaphore's
/// waiters are first in, first out), and a request whose wait the recent checks' average says
/// would outlast the timeout is answered busy at once instead of waiting only to be refused.
/// </summary>
public sealed class PasswordCheckGate
{
    private readonly SemaphoreSlim _slots;
    private readonly int _admittedLimit;
    private readonly TimeSpan _queueTimeout;
    private readonly int _slotCount;
    private int _admitted;

    // How long a slot is held, a moving average over the last checks (Stopwatch ticks; 0 until the first).
    private long _averageHoldTicks;

    /// <summary>Creates the gate from the limits.</summary>
    public PasswordCheckGate(ServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        int slots = Math.Max(1, limits.MaxConcurrentPasswordChecks);
        _slots = new SemaphoreSlim(slots, slots);
        _slotCount = slots;
        _admittedLimit = slots + Math.Max(0, limits.PasswordCheckQueue);
        _queueTimeout = limits.PasswordCheckQueueTimeout;
    }

    /// <summary>Checks running or waiting now.</summary>
    internal int Admitted => Volatile.Read(ref _admitted);

    /// <summary>
    /// Waits for a slot; <see langword="null"/> when the slots and the queue are full or the wait
    /// timed out (answer busy, do not verify). Dispose the slot when the check is done.
    /// </summary>
    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken, bool mayWait = true)
    {
        if (!mayWait)
        {
            // Only a slot free right now: such a check never takes a place in the queue.
            if (Interlocked.Increment(ref _admitted) > _admittedLimit || !_slots.Wait(0, CancellationToken.None))
            {
                Interlocked.Decrement(ref _admitted);
                Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.PasswordCheckLimiter);
                return null;
            }

            return new Slot(this);
        }

        int admitted = Interlocked.Increment(ref _admitted);
        if (admitted > _admittedLimit || WouldOutwait(admitted - _slotCount))
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

    /// <summary>The recent checks' average time in a slot; zero before the first check ended.</summary>
    internal TimeSpan AverageHold => System.Diagnostics.Stopwatch.GetElapsedTime(0, Volatile.Read(ref _averageHoldTicks));

    // True when `ahead` checks in the queue before this one would, at the recent average, keep it
    // waiting longer than the timeout: it would only be refused after holding a place.
    private bool WouldOutwait(int ahead)
    {
        long average = Volatile.Read(ref _averageHoldTicks);
        if (ahead <= 0 || average == 0)
        {
            return false;
        }

        long rounds = (ahead + _slotCount - 1) / _slotCount;
        return System.Diagnostics.Stopwatch.GetElapsedTime(0, rounds * average) > _queueTimeout;
    }

    private void Exit(long enteredAt)
    {
        // An eighth of each new sample: the estimate follows a change of load within a few dozen checks.
        long held = System.Diagnostics.Stopwatch.GetTimestamp() - enteredAt;
        long average = Volatile.Read(ref _averageHoldTicks);
        Volatile.Write(ref _averageHoldTicks, average == 0 ? held : average + ((held - average) / 8));
        _slots.Release();
        Interlocked.Decrement(ref _admitted);
    }

    private sealed class Slot(PasswordCheckGate gate) : IDisposable
    {
        private readonly long _enteredAt = System.Diagnostics.Stopwatch.GetTimestamp();
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
