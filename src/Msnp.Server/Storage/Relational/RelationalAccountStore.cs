using System.Globalization;
using Msnp.Protocol.Names;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Storage.Relational;

/// <summary>Accounts in the relational database (SQLite or PostgreSQL): PBKDF2 hashes for verification, AES-GCM-encrypted legacy secrets for MD5 login.</summary>
internal sealed class RelationalAccountStore : IAccountStore
{
    private const string DefaultGroupName = "Other%20Contacts";

    // Never a valid passport name, so no real account's record can be confused with the decoy.
    private const string DecoyEmail = "decoy";

    private readonly IStoreDatabase _database;
    private readonly LegacySecretProtector _protector;
    private readonly Lazy<string> _decoyHash;
    private readonly byte[] _decoySecret;
    private long _passwordChecks;

    public RelationalAccountStore(IStoreDatabase database, LegacySecretProtector protector)
    {
        _database = database;
        _protector = protector;
        _decoyHash = new Lazy<string>(() => PasswordHasher.Hash(Guid.NewGuid().ToString(), Iterations));
        _decoySecret = protector.Protect(Guid.NewGuid().ToString(), DecoyEmail);
    }

    /// <summary>Legacy secrets decrypted so far, the decoys for unknown accounts included.</summary>
    internal long LegacySecretDecryptions => _protector.Decryptions;

    /// <summary>Password checks started so far (each one a full PBKDF2 run), so tests can count the work a flood caused.</summary>
    internal long PasswordChecks => Interlocked.Read(ref _passwordChecks);

    private int Iterations => _database.Options.PasswordIterations;

    public async Task<CreateAccountResult> CreateAsync(string email, string password, string? friendlyName = null, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(email, out var name))
        {
            return new CreateAccountResult(null, CreateAccountError.InvalidEmail);
        }

        var normalized = name.Normalized;

        if (string.IsNullOrEmpty(password))
        {
            return new CreateAccountResult(null, CreateAccountError.InvalidPassword);
        }

        friendlyName ??= normalized;
        // Raw controls break the token; escaped ones (%E2%80%AE, %0A …) would reach every watcher.
        if (!WireText.IsName(friendlyName) || FriendlyName.ValidateEncoded(System.Text.Encoding.UTF8.GetBytes(friendlyName)) != NameError.None)
        {
            return new CreateAccountResult(null, CreateAccountError.InvalidFriendlyName);
        }

        // The slow hash runs before the write lock is taken.
        var hash = PasswordHasher.Hash(password, Iterations);
        var secret = _protector.Protect(password, normalized);
        var createdAt = DateTimeOffset.UtcNow;
        var stamp = NewStamp();

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        if (await session.FindAccountIdAsync(normalized, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new CreateAccountResult(null, CreateAccountError.AlreadyExists);
        }

        var id = await session.ScalarAsync(
            """
            INSERT INTO accounts (email, friendly_name, password_hash, legacy_secret, created_at, security_stamp)
            VALUES (@email, @name, @hash, @secret, @created, @stamp) RETURNING id;
            """,
            cancellationToken,
            ("@email", normalized), ("@name", friendlyName), ("@hash", hash), ("@secret", secret), ("@created", createdAt.ToString("O", CultureInfo.InvariantCulture)), ("@stamp", stamp)).ConfigureAwait(false);
        await session.ExecuteAsync(
            "INSERT INTO groups (owner_id, group_id, name, guid) VALUES (@owner, 0, @name, @guid);",
            cancellationToken,
            ("@owner", id), ("@name", DefaultGroupName), ("@guid", StoredTokens.NewGuid())).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CreateAccountResult(new Account(normalized, friendlyName, createdAt) { SecurityStamp = stamp }, CreateAccountError.None);
    }

    public async Task<Account?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(email, out var name))
        {
            return null;
        }

        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            "SELECT email, friendly_name, created_at, security_stamp FROM accounts WHERE email = @email;",
            ReadAccount,
            cancellationToken,
            ("@email", name.Normalized)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync("SELECT email, friendly_name, created_at, security_stamp FROM accounts ORDER BY email;", ReadAccount, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> SetPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (!PassportName.TryParse(email, out var name))
        {
            return false;
        }

        var normalized = name.Normalized;

        var hash = PasswordHasher.Hash(password, Iterations);
        var secret = _protector.Protect(password, normalized);
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        int changed = await session.ExecuteAsync(
            "UPDATE accounts SET password_hash = @hash, legacy_secret = @secret, security_stamp = @stamp WHERE email = @email;",
            cancellationToken,
            ("@hash", hash), ("@secret", secret), ("@stamp", NewStamp()), ("@email", normalized)).ConfigureAwait(false);
        if (changed != 1)
        {
            return false;
        }

        await RecordChangeAsync(session, normalized, "password", cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(email, out var name))
        {
            return false;
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        if (await session.FindAccountIdAsync(name.Normalized, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return false;
        }

        // Everyone who lists the account (on any list, RL included) sees it disappear: one change each.
        var owners = await session.QueryAsync(
            "SELECT owner_id FROM contacts WHERE contact_id = @id AND owner_id <> @id;",
            r => r.GetInt64(0),
            cancellationToken,
            ("@id", id)).ConfigureAwait(false);
        foreach (var owner in owners)
        {
            await session.BumpVersionAsync(owner, cancellationToken).ConfigureAwait(false);
        }

        // Cascades to its groups, phones, its own list rows and every row naming it.
        await session.ExecuteAsync("DELETE FROM accounts WHERE id = @id;", cancellationToken, ("@id", id)).ConfigureAwait(false);
        await RecordChangeAsync(session, name.Normalized, "removed", cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _passwordChecks);
        string? stored = null;
        if (PassportName.TryParse(email, out var name))
        {
            await using var session = await _database.ReadAsync(cancellationToken).ConfigureAwait(false);
            stored = (string?)await session.ScalarAsync("SELECT password_hash FROM accounts WHERE email = @email;", cancellationToken, ("@email", name.Normalized)).ConfigureAwait(false);
        }

        if (stored is null)
        {
            PasswordHasher.Verify(password ?? string.Empty, _decoyHash.Value, Iterations, out _);
            return false;
        }

        if (!PasswordHasher.Verify(password ?? string.Empty, stored, Iterations, out var needsRehash))
        {
            return false;
        }

        if (needsRehash)
        {
            await RehashAsync(name.Normalized, password!, stored, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    // One read for the hash and the account: the token service needs both for every sign-in.
    public async Task<Account?> VerifyPasswordAndFindAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _passwordChecks);
        (string Hash, Account Account)? stored = null;
        if (PassportName.TryParse(email, out var name))
        {
            await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
            var rows = await session.QueryAsync(
                "SELECT email, friendly_name, created_at, security_stamp, password_hash FROM accounts WHERE email = @email;",
                reader => (reader.GetString(4), ReadAccount(reader)),
                cancellationToken,
                ("@email", name.Normalized)).ConfigureAwait(false);
            stored = rows.Count == 0 ? null : rows[0];
        }

        if (stored is not { } found)
        {
            PasswordHasher.Verify(password ?? string.Empty, _decoyHash.Value, Iterations, out _);
            return null;
        }

        if (!PasswordHasher.Verify(password ?? string.Empty, found.Hash, Iterations, out var needsRehash))
        {
            return null;
        }

        if (needsRehash)
        {
            await RehashAsync(name.Normalized, password!, found.Hash, cancellationToken).ConfigureAwait(false);
        }

        return found.Account;
    }

    public async Task<string?> GetLegacySecretAsync(string email, CancellationToken cancellationToken = default)
    {
        // An unknown account costs the same lookup and one decryption (of a decoy), so the MD5
        // login's timing does not reveal which accounts exist.
        byte[]? record = null;
        string normalized = DecoyEmail;
        if (PassportName.TryParse(email, out var name))
        {
            normalized = name.Normalized;
            await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
            record = (byte[]?)await session.ScalarAsync("SELECT legacy_secret FROM accounts WHERE email = @email;", cancellationToken, ("@email", normalized)).ConfigureAwait(false);
        }

        if (record is null)
        {
            _protector.Unprotect(_decoySecret, DecoyEmail);
            return null;
        }

        return _protector.Unprotect(record, normalized);
    }

    // Only replaces the hash that was verified, so a password changed meanwhile is not overwritten.
    private async Task RehashAsync(string email, string password, string oldHash, CancellationToken cancellationToken)
    {
        var hash = PasswordHasher.Hash(password, Iterations);
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            "UPDATE accounts SET password_hash = @hash WHERE email = @email AND password_hash = @old;",
            cancellationToken,
            ("@hash", hash), ("@email", email), ("@old", oldHash)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AccountChange>> ReadChangesAsync(long afterId, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync(
            "SELECT id, email, kind FROM account_events WHERE id > @after ORDER BY id LIMIT 1000;",
            r => new AccountChange(r.GetInt64(0), r.GetString(1), r.GetString(2) == "removed" ? AccountChangeKind.Removed : AccountChangeKind.PasswordChanged),
            cancellationToken,
            ("@after", afterId)).ConfigureAwait(false);
    }

    public async Task<long> LatestChangeIdAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await session.ScalarAsync("SELECT coalesce(max(id), 0) FROM account_events;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static byte[] NewStamp() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);

    // The log only has to outlive the servers' polling; a day is plenty and keeps it small.
    private static async Task RecordChangeAsync(StoreSession session, string email, string kind, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await session.ExecuteAsync(
            "DELETE FROM account_events WHERE at < @cutoff;",
            cancellationToken,
            ("@cutoff", (now - TimeSpan.FromDays(1)).ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
        await session.ExecuteAsync(
            "INSERT INTO account_events (email, kind, at) VALUES (@email, @kind, @at);",
            cancellationToken,
            ("@email", email), ("@kind", kind), ("@at", now.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
    }

    private static Account ReadAccount(System.Data.Common.DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), ParseCreatedAt(reader.GetString(2)))
        {
            SecurityStamp = reader.IsDBNull(3) ? ReadOnlyMemory<byte>.Empty : (byte[])reader.GetValue(3),
        };

    // Written as "O" (round-trip) by CreateAsync, which has an exact parser several times cheaper
    // than the general one (this runs at every sign-in); anything else still parses as before.
    private static DateTimeOffset ParseCreatedAt(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var exact)
            ? exact
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
