namespace Msnp.Server.Limits;

/// <summary>
/// A token bucket over <see cref="TimeProvider"/> timestamps: <c>capacity</c> tokens at once,
/// refilled at <c>ratePerSecond</c>. Not thread-safe; callers serialise.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _ratePerSecond;
    private double _tokens;
    private long _last;

    public TokenBucket(TimeProvider time, int capacity, double ratePerSecond)
    {
        _time = time;
        _capacity = Math.Max(1, capacity);
        _ratePerSecond = ratePerSecond;
        _tokens = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>True when the bucket is full again, i.e. it remembers nothing worth keeping.</summary>
    public bool IsFull
    {
        get
        {
            Refill();
            return _tokens >= _capacity;
        }
    }

    /// <summary>Takes a token if one is there.</summary>
    public bool TryTake()
    {
        Refill();
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }

    /// <summary>Takes a token, borrowing against the refill; returns how long the caller should wait for it.</summary>
    public TimeSpan Take()
    {
        Refill();
        _tokens--;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        _tokens = Math.Min(_capacity, _tokens + (elapsed * _ratePerSecond));
    }
}
