using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Msnp.Server.Limits;

namespace Msnp.Server.Passport;

/// <summary>
/// Passwords that passed the full PBKDF2 check recently, held in memory only, so a user who signs
/// in again within <see cref="ServerLimits.RememberedPasswordLifetime"/> (a reconnect after a
/// network drop, a second client, a reconnect storm while this process stays up) is checked with
/// one HMAC instead of 600,000 PBKDF2 iterations.
/// </summary>
/// <remarks>
/// An entry is HMAC-SHA256 under a random key made at start (never stored) over the account's
/// security stamp and the password, so a password change (a new stamp) or a restart forgets it.
/// A candidate that does not match is not refused here: it takes the full check, so guessing
/// costs what it always did. What this trades: someone who can read this process's memory can test
/// guesses against the remembered accounts at HMAC speed, but such a reader also sees every
/// password as it arrives and the key of the MD5 secrets (docs/storage.md). Nothing is written to
/// disk, and the stored hashes keep their work factor. At most
/// <see cref="ServerLimits.RememberedPasswordCapacity"/> entries, about 200 bytes each.
/// </remarks>
public sealed class RememberedPasswords
{
    private const int MacBytes = 32;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly long _lifetimeTicks;
    private readonly int _capacity;
    private long _nextSweep;

    /// <summary>Creates the cache from the limits; a zero lifetime or capacity remembers nothing.</summary>
    public RememberedPasswords(ServerLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _lifetimeTicks = (long)(Math.Max(0, limits.RememberedPasswordLifetime.TotalSeconds) * time.TimestampFrequency);
        _capacity = Math.Max(0, limits.RememberedPasswordCapacity);
    }

    /// <summary>Entries held now (expired ones included until the next sweep).</summary>
    internal int Count => _entries.Count;

    private bool Enabled => _lifetimeTicks > 0 && _capacity > 0;

    /// <summary>True when <paramref name="password"/> passed the full check for this account and stamp within the lifetime.</summary>
    public bool Matches(string email, ReadOnlySpan<byte> securityStamp, string password)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        if (!Enabled || !_entries.TryGetValue(email, out var entry))
        {
            return false;
        }

        if (_time.GetTimestamp() - entry.Stored >= _lifetimeTicks)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(email, entry));
            return false;
        }

        Span<byte> mac = stackalloc byte[MacBytes];
        Compute(securityStamp, password, mac);
        return CryptographicOperations.FixedTimeEquals(mac, entry.Mac);
    }

    /// <summary>Remembers a password that has just passed the full check.</summary>
    public void Remember(string email, ReadOnlySpan<byte> securityStamp, string password)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        if (!Enabled)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_entries.Count >= _capacity && !_entries.ContainsKey(email))
        {
            Sweep(now);
            if (_entries.Count >= _capacity)
            {
                // Full of live entries: this sign-in is not remembered, the next one pays the full check.
                return;
            }
        }

        var mac = new byte[MacBytes];
        Compute(securityStamp, password, mac);
        _entries[email] = new Entry(mac, now);
    }

    private void Compute(ReadOnlySpan<byte> securityStamp, string password, Span<byte> mac)
    {
        // stamp length ‖ stamp ‖ password (UTF-8): the length keeps stamp and password apart.
        int length = 4 + securityStamp.Length + Encoding.UTF8.GetMaxByteCount(password.Length);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer, securityStamp.Length);
            securityStamp.CopyTo(buffer.AsSpan(4));
            int written = 4 + securityStamp.Length + Encoding.UTF8.GetBytes(password, buffer.AsSpan(4 + securityStamp.Length));
            HMACSHA256.HashData(_key, buffer.AsSpan(0, written), mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Sweep(long now)
    {
        // At most one sweep per lifetime's hundredth, so a full table of live entries is not scanned at every sign-in.
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + Math.Max(1, _lifetimeTicks / 100), next) != next)
        {
            return;
        }

        foreach (var pair in _entries)
        {
            if (now - pair.Value.Stored >= _lifetimeTicks)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private sealed record Entry(byte[] Mac, long Stored);
}
