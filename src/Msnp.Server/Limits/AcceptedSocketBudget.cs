namespace Msnp.Server.Limits;

/// <summary>
/// Bounds the sockets the listeners hold open, refused ones included: a connection over a cap is
/// accepted (a descriptor) and closed at once, but under load the accept loops take sockets from
/// the kernel's backlog faster than the closes run, and a flood of a few hundred connections took
/// the process to its descriptor limit, where the runtime's next assembly load or thread start
/// failed and it exited with "Out of memory.". Past <see cref="Ceiling"/> a listener waits before
/// its next accept, so the extra connections wait in the kernel's backlog, which costs no descriptor.
/// </summary>
public sealed class AcceptedSocketBudget
{
    /// <summary>Sockets beyond the connection caps that may be open at once while they are being refused.</summary>
    public const int RefusalHeadroom = 32;

    private readonly ServerLimits _limits;
    private readonly object _lock = new();
    private TaskCompletionSource? _room;
    private int _open;

    /// <summary>Creates the budget; it follows the limits as they are clamped.</summary>
    public AcceptedSocketBudget(ServerLimits limits) => _limits = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>The most sockets open at once: the connection caps plus <see cref="RefusalHeadroom"/>.</summary>
    public int Ceiling => _limits.MaxConnections + _limits.MaxHttpConnections + RefusalHeadroom;

    /// <summary>Sockets accepted and not yet closed.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Waits until one more socket may be accepted, and counts it.</summary>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_open < Ceiling)
                {
                    _open++;
                    return;
                }

                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _room.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A counted socket was closed (or never accepted).</summary>
    public void Return()
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            _open--;
            room = _room;
            _room = null;
        }

        room?.TrySetResult();
    }
}
