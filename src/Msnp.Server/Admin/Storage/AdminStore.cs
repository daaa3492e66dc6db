using System.Globalization;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Postgres;
using Msnp.Server.Storage.Relational;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Admin.Storage;

/// <summary>
/// Administrators, the audit log and disabled accounts, in their own tables of the server's
/// database (the SQLite file or the PostgreSQL database). The tables are created if missing; they
/// are independent of the account schema's migrations, so the console can evolve without
/// renumbering them. Writes go through the store's write sessions, so they queue with every other
/// writer of the database.
/// </summary>
public sealed class AdminStore
{
    /// <summary>Longest administrator name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest password accepted (longer input is not a real password; it only costs hashing time).</summary>
    public const int MaxPasswordLength = 256;

    // Names are ASCII (IsValidName) and compared through lower(), the same in both engines.
    private const string SqliteSchema = """
        CREATE TABLE IF NOT EXISTS admin_users (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS admin_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT,
            remote TEXT);
        CREATE TABLE IF NOT EXISTS admin_disabled_accounts (
            email TEXT PRIMARY KEY,
            disabled_at INTEGER NOT NULL,
            disabled_by TEXT NOT NULL);
        """;

    private const string PostgresSchema = """
        CREATE TABLE IF NOT EXISTS admin_users (
            name text COLLATE "C" PRIMARY KEY,
            password_hash text NOT NULL,
            created_at bigint NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS admin_users_by_lower_name ON admin_users (lower(name));
        CREATE TABLE IF NOT EXISTS admin_audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            target text,
            detail text,
            remote text);
        CREATE TABLE IF NOT EXISTS admin_disabled_accounts (
            email text COLLATE "C" PRIMARY KEY,
            disabled_at bigint NOT NULL,
            disabled_by text NOT NULL);
        """;

    private readonly IStoreDatabase _database;
    private readonly int _iterations;
    private readonly TimeProvider _time;
    private readonly Lazy<string> _decoyHash;

    private AdminStore(IStoreDatabase database, int iterations, TimeProvider time)
    {
        _database = database;
        _iterations = iterations;
        _time = time;
        _decoyHash = new Lazy<string>(() => PasswordHasher.Hash(Guid.NewGuid().ToString(), _iterations));
    }

    /// <summary>Opens the store on the server's database, creating the tables if needed.</summary>
    public static async Task<AdminStore> OpenAsync(MsnpStore store, int passwordIterations, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var admin = new AdminStore(store.Database, passwordIterations, time);
        await using var session = await store.Database.WriteAsync(cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(store is PostgresStore ? PostgresSchema : SqliteSchema, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return admin;
    }

    /// <summary>True when <paramref name="name"/> may name an administrator: 1–64 letters, digits, <c>. _ - @</c>.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    /// <summary>True when <paramref name="password"/> is acceptable: 8–256 characters, no control characters.</summary>
    public static bool IsValidPassword(string? password) =>
        password is { Length: >= 8 and <= MaxPasswordLength } && !password.Any(char.IsControl);

    /// <summary>Every administrator, by name.</summary>
    public async Task<IReadOnlyList<AdminUser>> ListAdminsAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync(
            "SELECT name, created_at FROM admin_users ORDER BY lower(name)",
            r => new AdminUser(r.GetString(0), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(1))),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an administrator; false when the name is taken. Name and password must be valid.</summary>
    public async Task<bool> AddAdminAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        if (!IsValidName(name) || !IsValidPassword(password))
        {
            throw new ArgumentException("Invalid administrator name or password.");
        }

        var hash = PasswordHasher.Hash(password, _iterations);
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        int added = await session.ExecuteAsync(
            "INSERT INTO admin_users (name, password_hash, created_at) VALUES (@name, @hash, @at) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("@name", name), ("@hash", hash), ("@at", _time.GetUtcNow().ToUnixTimeSeconds())).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added == 1;
    }

    /// <summary>Replaces an administrator's password; false when there is no such administrator.</summary>
    public async Task<bool> SetAdminPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        if (!IsValidPassword(password))
        {
            throw new ArgumentException("Invalid password.", nameof(password));
        }

        var hash = PasswordHasher.Hash(password, _iterations);
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        int changed = await session.ExecuteAsync(
            "UPDATE admin_users SET password_hash = @hash WHERE lower(name) = lower(@name)",
            cancellationToken,
            ("@name", name), ("@hash", hash)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// Removes an administrator unless it is the last one (an operator must not lock everyone out);
    /// the count and the delete run in one write transaction.
    /// </summary>
    public async Task<RemoveAdminResult> RemoveAdminAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var counts = await session.QueryAsync(
            "SELECT count(*), coalesce(sum(CASE WHEN lower(name) = lower(@name) THEN 1 ELSE 0 END), 0) FROM admin_users",
            r => (Total: Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Matching: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)),
            cancellationToken,
            ("@name", name)).ConfigureAwait(false);
        var (total, matching) = counts[0];
        var result = matching == 0 ? RemoveAdminResult.NotFound : total <= 1 ? RemoveAdminResult.LastAdministrator : RemoveAdminResult.Removed;
        if (result == RemoveAdminResult.Removed)
        {
            await session.ExecuteAsync("DELETE FROM admin_users WHERE lower(name) = lower(@name)", cancellationToken, ("@name", name)).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Checks an administrator's password and returns the stored spelling of the name, or null. An
    /// unknown name costs the same hashing work as a wrong password.
    /// </summary>
    public async Task<string?> VerifyAdminAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        if (!IsValidName(name) || password.Length > MaxPasswordLength)
        {
            return null;
        }

        string? storedName = null, hash = null;
        await using (var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = await session.QueryAsync(
                "SELECT name, password_hash FROM admin_users WHERE lower(name) = lower(@name)",
                r => (Name: r.GetString(0), Hash: r.GetString(1)),
                cancellationToken,
                ("@name", name)).ConfigureAwait(false);
            if (rows.Count > 0)
            {
                (storedName, hash) = rows[0];
            }
        }

        bool ok = PasswordHasher.Verify(password, hash ?? _decoyHash.Value, _iterations, out _);
        return ok && storedName is not null ? storedName : null;
    }

    /// <summary>Writes one line of the audit log.</summary>
    public async Task AuditAsync(string actor, string action, string? target, string? detail, string? remote, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            "INSERT INTO admin_audit (at, actor, action, target, detail, remote) VALUES (@at, @actor, @action, @target, @detail, @remote)",
            cancellationToken,
            ("@at", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("@actor", actor), ("@action", action), ("@target", target), ("@detail", detail), ("@remote", remote)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest audit entries first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync(
            "SELECT id, at, actor, action, target, detail, remote FROM admin_audit ORDER BY id DESC LIMIT @limit",
            r => new AuditEntry(
                r.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.GetString(2),
                r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6)),
            cancellationToken,
            ("@limit", Math.Clamp(limit, 1, 10_000))).ConfigureAwait(false);
    }

    /// <summary>Every disabled account (lower-case emails).</summary>
    public async Task<IReadOnlyList<string>> ListDisabledAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync("SELECT email FROM admin_disabled_accounts", r => r.GetString(0), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks an account disabled or enabled; false when nothing changed.</summary>
    public async Task<bool> SetDisabledAsync(string email, bool disabled, string by, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        int changed = disabled
            ? await session.ExecuteAsync(
                "INSERT INTO admin_disabled_accounts (email, disabled_at, disabled_by) VALUES (@email, @at, @by) ON CONFLICT DO NOTHING",
                cancellationToken,
                ("@email", email), ("@at", _time.GetUtcNow().ToUnixTimeSeconds()), ("@by", by)).ConfigureAwait(false)
            : await session.ExecuteAsync("DELETE FROM admin_disabled_accounts WHERE email = @email", cancellationToken, ("@email", email)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Opens a connection and runs a trivial query (the readiness check).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        await session.ScalarAsync("SELECT count(*) FROM admin_users", cancellationToken).ConfigureAwait(false);
    }
}
