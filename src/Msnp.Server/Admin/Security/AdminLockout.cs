namespace Msnp.Server.Admin.Security;

/// <summary>
/// Console sign-in lock-out: after <see cref="AdminOptions.LockoutFailures"/> failures for one
/// name or from one address, further attempts are refused (HTTP 429) without checking the
/// password until <see cref="AdminOptions.LockoutDuration"/> has passed. A success clears the name.
/// The table is bounded; when full, the oldest entry goes.
/// </summary>
public sealed class AdminLockout(AdminOptions options, TimeProvider time)
{
    private const int MaxEntries = 4096;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the name or the address is locked out now.</summary>
    public bool IsLocked(string name, string? address)
    {
        lock (_entries)
        {
            return Locked("n:" + name) || (address is not null && Locked("a:" + address));
        }
    }

    /// <summary>Counts a failure against the name and the address.</summary>
    public void RecordFailure(string name, string? address)
    {
        lock (_entries)
        {
            Fail("n:" + name);
            if (address is not null)
            {
                Fail("a:" + address);
            }
        }
    }

    /// <summary>Clears the name's failures after a good sign-in.</summary>
    public void RecordSuccess(string name)
    {
        lock (_entries)
        {
            _entries.Remove("n:" + name);
        }
    }

    private bool Locked(string key)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(key, out var e))
        {
            return false;
        }

        if (e.LockedUntil > now)
        {
            return true;
        }

        if (e.LockedUntil != default)
        {
            // The lock-out ran out: start counting again.
            _entries.Remove(key);
        }

        return false;
    }

    private void Fail(string key)
    {
        var now = time.GetUtcNow();
        if (!_entries.TryGetValue(key, out var e))
        {
            if (_entries.Count >= MaxEntries)
            {
                var oldest = _entries.MinBy(kv => kv.Value.LastFailure).Key;
                _entries.Remove(oldest);
            }

            e = new Entry();
            _entries[key] = e;
        }

        e.Failures++;
        e.LastFailure = now;
        if (e.Failures >= Math.Max(1, options.LockoutFailures))
        {
            e.LockedUntil = now + options.LockoutDuration;
        }
    }

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
    }
}
