namespace Msnp.Server.Limits;

/// <summary>
/// Failure counts per key (an account or an address) with exponential back-off: after
/// <see cref="ServerLimits.SignInFreeFailures"/> failures a key is locked for the base time,
/// doubling with each further failure up to the maximum. Entries are forgotten after the failure
/// window; the table never holds more than <see cref="ServerLimits.MaxTrackedKeys"/> keys.
/// </summary>
internal sealed class KeyedBackoff
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ServerLimits _limits;
    private readonly TimeProvider _time;

    public KeyedBackoff(ServerLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>True while <paramref name="key"/> must wait before its next attempt.</summary>
    public bool IsLocked(string key)
    {
        var now = _time.GetUtcNow();
        lock (_entries)
        {
            return _entries.TryGetValue(key, out var entry) && entry.LockedUntil > now;
        }
    }

    public void RecordFailure(string key)
    {
        var now = _time.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry) || now - entry.LastFailure > _limits.SignInFailureWindow)
            {
                if (!_entries.ContainsKey(key))
                {
                    MakeRoom(now);
                }

                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Failures++;
            entry.LastFailure = now;
            int over = entry.Failures - _limits.SignInFreeFailures;
            if (over > 0)
            {
                // 2^(over-1) times the base, computed without overflow and capped.
                double factor = Math.Pow(2, Math.Min(over - 1, 30));
                var wait = TimeSpan.FromTicks((long)Math.Min(_limits.SignInBackoffBase.Ticks * factor, _limits.SignInBackoffMax.Ticks));
                entry.LockedUntil = now + wait;
            }
        }
    }

    public void Forget(string key)
    {
        lock (_entries)
        {
            _entries.Remove(key);
        }
    }

    // Expired, unlocked entries go first; a table full of live ones loses one rather than grow or stop counting new keys.
    private void MakeRoom(DateTimeOffset now) =>
        KeyTable.MakeRoom(_entries, _limits.MaxTrackedKeys, entry => now - entry.LastFailure > _limits.SignInFailureWindow && entry.LockedUntil <= now);

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
    }
}
