namespace Msnp.Server.Admin.Security;

/// <summary>
/// Console sign-in lock-out: after <see cref="AdminOptions.LockoutFailures"/> failures for one
/// name or from one address, further attempts are refused (HTTP 429) without checking the
/// password until <see cref="AdminOptions.LockoutDuration"/> has passed. A success clears the name.
/// An attempt is reserved before its password is checked and counts until it ends, so parallel
/// guesses cannot all pass the check while the first ones are still being verified.
/// The table is bounded; when full, the oldest entry without an attempt in flight goes.
/// </summary>
public sealed class AdminLockout(AdminOptions options, TimeProvider time)
{
    private const int MaxEntries = 4096;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reserves an attempt for the name and the address, or answers false when either is locked out
    /// (failures plus attempts still running reach the limit). A reserved attempt must end with
    /// <see cref="EndAttempt"/>.
    /// </summary>
    public bool TryBeginAttempt(string name, string? address)
    {
        lock (_entries)
        {
            if (Locked("n:" + name) || (address is not null && Locked("a:" + address)))
            {
                return false;
            }

            Reserve("n:" + name);
            if (address is not null)
            {
                Reserve("a:" + address);
            }

            return true;
        }
    }

    /// <summary>
    /// Ends a reserved attempt: a failure counts against the name and the address, a success clears
    /// the name; an attempt whose password was never checked (the server was busy) counts as neither.
    /// </summary>
    public void EndAttempt(string name, string? address, bool succeeded, bool checkedPassword = true)
    {
        bool failed = checkedPassword && !succeeded;
        lock (_entries)
        {
            End("n:" + name, failed);
            if (address is not null)
            {
                End("a:" + address, failed);
            }

            if (succeeded)
            {
                _entries.Remove("n:" + name);
            }
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
            // The lock-out ran out: start counting again (attempts still running keep counting).
            e.Failures = 0;
            e.LockedUntil = default;
        }

        return e.Failures + e.InFlight >= Limit;
    }

    private int Limit => Math.Max(1, options.LockoutFailures);

    private void Reserve(string key)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            if (_entries.Count >= MaxEntries)
            {
                string? oldest = null;
                var oldestFailure = DateTimeOffset.MaxValue;
                foreach (var (candidate, entry) in _entries)
                {
                    if (entry.InFlight == 0 && entry.LastFailure < oldestFailure)
                    {
                        (oldest, oldestFailure) = (candidate, entry.LastFailure);
                    }
                }

                if (oldest is not null)
                {
                    _entries.Remove(oldest);
                }
            }

            e = new Entry();
            _entries[key] = e;
        }

        e.InFlight++;
    }

    private void End(string key, bool failed)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return;
        }

        e.InFlight = Math.Max(0, e.InFlight - 1);
        if (!failed)
        {
            return;
        }

        var now = time.GetUtcNow();
        e.Failures++;
        e.LastFailure = now;
        if (e.Failures >= Limit)
        {
            e.LockedUntil = now + options.LockoutDuration;
        }
    }

    private sealed class Entry
    {
        public int InFlight;
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
    }
}
