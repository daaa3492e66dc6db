using System.Threading.Tasks.Sources;

namespace Msnp.Server.Connections;

/// <summary>
/// Wakes one waiter (a connection's writer loop) when any number of producers call <see cref="Set"/>.
/// Signals coalesce: however many arrive while nobody waits, the next wait completes at once, once.
/// Unlike <see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/>, which allocates a task (plus
/// a cancellation promise) each time it has to wait, a wait here reuses the same value-task
/// source, so a round trip costs no allocation. Only one wait may be outstanding at a time.
/// </summary>
internal sealed class AutoResetSignal : IValueTaskSource
{
    private const int Idle = 0;
    private const int Signalled = 1;
    private const int Waiting = 2;

    // A producer (or the cancellation) is completing the wait; the "Signalled" variant remembers a
    // set that arrived meanwhile. The waiter can see the completion before SetResult has returned,
    // so it must not reset the source for its next wait until the completer has left it.
    private const int Completing = 3;
    private const int CompletingSignalled = 4;

    private static readonly Action<object?, CancellationToken> CancelCallback =
        static (state, token) => ((AutoResetSignal)state!).OnCancelled(token);

    // Continuations run on the thread pool so a producer never runs the writer's drain inline.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;
    private int _state;

    /// <summary>Wakes the waiter, or lets the next wait complete at once when nobody waits now.</summary>
    public void Set()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            switch (state)
            {
                case Idle:
                    if (Interlocked.CompareExchange(ref _state, Signalled, Idle) == Idle)
                    {
                        return;
                    }

                    break;
                case Waiting:
                    // Whoever moves Waiting on (this or the cancellation) completes the wait.
                    if (Interlocked.CompareExchange(ref _state, Completing, Waiting) == Waiting)
                    {
                        _core.SetResult(true);
                        FinishCompleting();
                        return;
                    }

                    break;
                case Completing:
                    if (Interlocked.CompareExchange(ref _state, CompletingSignalled, Completing) == Completing)
                    {
                        return;
                    }

                    break;
                default:
                    // Signalled or CompletingSignalled: the set is already pending.
                    return;
            }
        }
    }

    /// <summary>Completes when the signal is set (consuming it); throws <see cref="OperationCanceledException"/> when cancelled first.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var spin = default(SpinWait);
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Signalled)
            {
                if (Interlocked.CompareExchange(ref _state, Idle, Signalled) == Signalled)
                {
                    return ValueTask.CompletedTask;
                }
            }
            else if (state is Completing or CompletingSignalled)
            {
                // Only after the waiter saw the last wait complete before SetResult returned: a few instructions.
                spin.SpinOnce();
            }
            else
            {
                break;
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        _core.Reset();
        var version = _core.Version;

        // Publish the wait before registering, so a cancellation that fires during registration finds it.
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            // Set between the first check and here: state is Signalled; consume it.
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }

        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(CancelCallback, this);
        }

        return new ValueTask(this, version);
    }

    void IValueTaskSource.GetResult(short token)
    {
        // Dispose waits for a cancellation callback already running, so a late callback for this
        // wait cannot cancel the next one.
        _registration.Dispose();
        _registration = default;
        _core.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void OnCancelled(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Completing, Waiting) == Waiting)
        {
            _core.SetException(new OperationCanceledException(token));
            FinishCompleting();
        }
    }

    // Leaves the source to the waiter, keeping a set that arrived while completing.
    private void FinishCompleting()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Completing) != Completing)
        {
            Volatile.Write(ref _state, Signalled);
        }
    }
}
