namespace Msnp.Server.Limits;

/// <summary>
/// Bounds the password hashes (PBKDF2, deliberately slow) verified at once: at most
/// <see cref="ServerLimits.MaxConcurrentPasswordChecks"/> run, at most
/// <see cref="ServerLimits.PasswordCheckQueue"/> wait, each no longer than
/// <see cref="ServerLimits.PasswordCheckQueueTimeout"/>. A request past that is answered busy
/// without hashing, so a flood of guesses costs the server a bounded share of its cores and the
/// queue, not every thread of the pool.
/// </summary>
public sealed class PasswordCheckGate
{
    private readonly SemaphoreSlim _slots;
    private readonly int _admittedLimit;
    private readonly TimeSpan _queueTimeout;
    private int _admitted;

    /// <summary>Creates the gate from the limits.</summary>
    public PasswordCheckGate(ServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        int slots = Math.Max(1, limits.MaxConcurrentPasswordChecks);
        _slots = new SemaphoreSlim(slots, slots);
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

        if (Interlocked.Increment(ref _admitted) > _admittedLimit)
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

    private void Exit()
    {
        _slots.Release();
        Interlocked.Decrement(ref _admitted);
    }

    private sealed class Slot(PasswordCheckGate gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Exit();
            }
        }
    }
}
