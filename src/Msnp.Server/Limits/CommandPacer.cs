namespace Msnp.Server.Limits;

/// <summary>
/// Fair share for one connection: past its burst, a connection's commands are read no faster
/// than the sustained rate. The read loop waits instead of disconnecting, so a flooding client
/// only slows itself (TCP back-pressure does the rest) while everyone else keeps their latency.
/// </summary>
public sealed class CommandPacer
{
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;

    private CommandPacer(TimeProvider time, int burst, double perSecond)
    {
        _time = time;
        _bucket = new TokenBucket(time, burst, perSecond);
    }

    /// <summary>A pacer for the given rate, or null when the rate is 0 (unlimited).</summary>
    public static CommandPacer? Create(TimeProvider time, int burst, double perSecond) =>
        perSecond > 0 ? new CommandPacer(time, burst, perSecond) : null;

    /// <summary>Accounts for one command; returns how long to wait before handling it (zero within the burst).</summary>
    public TimeSpan Next() => _bucket.Take();

    /// <summary>Accounts for one command and waits until it may be handled.</summary>
    public ValueTask PaceAsync(CancellationToken cancellationToken)
    {
        var wait = Next();
        return wait <= TimeSpan.Zero ? ValueTask.CompletedTask : new ValueTask(Task.Delay(wait, _time, cancellationToken));
    }
}
