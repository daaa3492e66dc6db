namespace Msnp.Server.Limits;

/// <summary>
/// Fair share for one connection: past its burst, a connection's commands are read no faster
/// than the sustained rate. The read loop waits instead of disconnecting, so a flooding client
/// only slows itself (TCP back-pressure does the rest) while everyone else keeps their latency.
/// </summary>
/// <remarks>
/// Every connection has one, so it is a <see cref="TokenBucket"/> kept inline: its two changing
/// numbers, with the clock, burst and rate in one <see cref="Rate"/> shared by the connections of a
/// <see cref="Factory"/> (40 bytes per connection instead of 88 for a pacer holding a bucket).
/// The read loop is its only caller, one command at a time.
/// </remarks>
public sealed class CommandPacer
{
    private readonly Rate _rate;
    private double _tokens;
    private long _last;

    private CommandPacer(Rate rate)
    {
        _rate = rate;
        _tokens = rate.Burst;
        _last = rate.Time.GetTimestamp();
    }

    /// <summary>Makes one pacer per connection, all sharing the rate; null pacers when the rate is 0 (unlimited).</summary>
    public static Func<CommandPacer?> Factory(TimeProvider time, int burst, double perSecond)
    {
        if (perSecond <= 0)
        {
            return static () => null;
        }

        var rate = new Rate(time, burst, perSecond);
        return () => new CommandPacer(rate);
    }

    /// <summary>Accounts for one command; returns how long to wait before handling it (zero within the burst).</summary>
    public TimeSpan Next()
    {
        // TokenBucket.Take: refill for the time passed, then take one token, borrowing against the refill.
        var now = _rate.Time.GetTimestamp();
        var elapsed = _rate.Time.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        _tokens = Math.Min(_rate.Burst, _tokens + (elapsed * _rate.PerSecond)) - 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate.PerSecond);
    }

    /// <summary>Accounts for one command and waits until it may be handled.</summary>
    public ValueTask PaceAsync(CancellationToken cancellationToken)
    {
        var wait = Next();
        return wait <= TimeSpan.Zero ? ValueTask.CompletedTask : new ValueTask(Task.Delay(wait, _rate.Time, cancellationToken));
    }

    private sealed class Rate(TimeProvider time, int burst, double perSecond)
    {
        public TimeProvider Time { get; } = time;

        public double Burst { get; } = Math.Max(1, burst);

        public double PerSecond { get; } = perSecond;
    }
}
