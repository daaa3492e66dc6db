namespace Msnp.Server.Limits;

/// <summary>
/// Failure counts per key (an account or an address) with exponential back-off: after
/// <see cref="ServerLimits.SignInFreeFailures"/> failures a key is locked for the base time,
/// doubling with each further failure up to the maximum. An attempt is reserved before its
/// credentials are checked and counts as a possible failure while it is in flight, so parallel
/// attempts cannot all slip past a lock that the first of them would set. Entries are forgotten
/// after the failure window; the table never holds more than <see cref="ServerLimits.MaxTrackedKeys"/>
/// keys, never drops a locked or busy entry, and admits new keys at a global rate once it is full.
/// </summary>
internal sealed class KeyedBackoff : IBackoffTable
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ServerLimits _limits;
    private readonly TimeProvider _time;
    private readonly bool _parallelWhileClean;
    private readonly TokenBucket _newKeysWhenFull;
    private DateTimeOffset _lastSweep;

    /// <param name="limits">The thresholds and table size.</param>
    /// <param name="time">The clock.</param>
    /// <param name="parallelWhileClean">
    /// True for addresses: a key without failures may have any number of attempts in flight (many
    /// users behind one NAT). False for accounts: at most the free failures at once.
    /// </param>
    public KeyedBackoff(ServerLimits limits, TimeProvider time, bool parallelWhileClean)
    {
        _limits = limits;
        _time = time;
        _parallelWhileClean = parallelWhileClean;
        _newKeysWhenFull = new TokenBucket(time, Math.Max(1, (int)limits.NewKeysPerSecondWhenFull), limits.NewKeysPerSecondWhenFull);
        _lastSweep = time.GetUtcNow();
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

    /// <summary>True when the table holds nothing (a grain holding one key may go).</summary>
    public bool IsEmpty => Count == 0;

    ValueTask<bool> IBackoffTable.IsLockedAsync(string key) => new(IsLocked(key));

    ValueTask<bool> IBackoffTable.TryReserveAsync(string key) => new(TryReserve(key));

    ValueTask IBackoffTable.CompleteAsync(string key, bool failed)
    {
        Complete(key, failed);
        return ValueTask.CompletedTask;
    }

    ValueTask IBackoffTable.ForgetAsync(string key)
    {
        Forget(key);
        return ValueTask.CompletedTask;
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

    /// <summary>
    /// Reserves one attempt for <paramref name="key"/>; false when the key is locked, when the
    /// attempts already in flight could use up its remaining free failures, or when the table is
    /// full of live entries and the global rate for new keys is used up.
    /// </summary>
    public bool TryReserve(string key)
    {
        var now = _time.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (!MakeRoom(now))
                {
                    return false;
                }

                entry = new Entry();
                _entries[key] = entry;
            }
            else if (Expired(entry, now))
            {
                entry.Failures = 0;
            }

            if (entry.LockedUntil > now || !MayStartAnother(entry))
            {
                return false;
            }

            entry.InFlight++;
            return true;
        }
    }

    /// <summary>Ends a reserved attempt: counts its failure (possibly locking the key) or just releases it.</summary>
    public void Complete(string key, bool failed)
    {
        var now = _time.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return;
            }

            entry.InFlight = Math.Max(0, entry.InFlight - 1);
            if (failed)
            {
                if (Expired(entry, now))
                {
                    entry.Failures = 0;
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
            else if (entry.InFlight == 0 && entry.Failures == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Clears the key's failures (a success); attempts still in flight keep their reservation.</summary>
    public void Forget(string key)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return;
            }

            if (entry.InFlight == 0)
            {
                _entries.Remove(key);
            }
            else
            {
                entry.Failures = 0;
                entry.LockedUntil = default;
            }
        }
    }

    // Past the free failures attempts go one at a time; before that, at most as many at once as
    // failures remain (addresses without failures excepted, see the constructor).
    private bool MayStartAnother(Entry entry)
    {
        if (entry.InFlight == 0)
        {
            return true;
        }

        if (_parallelWhileClean && entry.Failures == 0)
        {
            return true;
        }

        return entry.Failures + entry.InFlight < _limits.SignInFreeFailures;
    }

    private bool Expired(Entry entry, DateTimeOffset now) =>
        entry.Failures > 0 && now - entry.LastFailure > _limits.SignInFailureWindow && entry.LockedUntil <= now;

    // Room for one new key. Forgettable entries (nothing in flight, not locked, failures expired)
    // are swept at most once a second, so a flood of new keys cannot make every attempt scan the
    // table. If the table is still full, one idle unlocked entry (failures under the lock) gives
    // way, but only at the global rate: a locked or busy entry is never dropped.
    private bool MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < _limits.MaxTrackedKeys)
        {
            return true;
        }

        if (now - _lastSweep >= TimeSpan.FromSeconds(1))
        {
            _lastSweep = now;
            foreach (var (key, entry) in _entries)
            {
                if (entry.InFlight == 0 && (entry.Failures == 0 || Expired(entry, now)))
                {
                    _entries.Remove(key);
                }
            }

            if (_entries.Count < _limits.MaxTrackedKeys)
            {
                return true;
            }
        }

        if (!_newKeysWhenFull.TryTake())
        {
            return false;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.InFlight == 0 && entry.LockedUntil <= now)
            {
                _entries.Remove(key);
                return true;
            }
        }

        return false;
    }

    private sealed class Entry
    {
        public int Failures;
        public int InFlight;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
    }
}
