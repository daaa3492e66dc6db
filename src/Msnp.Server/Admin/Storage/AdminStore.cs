using Microsoft.Data.Sqlite;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Admin.Storage;

/// <summary>
/// Administrators, the audit log and disabled accounts, in their own tables of the server's
/// SQLite file (<c>msnp.db</c>). The tables are created if missing; they are independent of the
/// account schema's migrations, so the console can evolve without renumbering them.
/// </summary>
public sealed class AdminStore
{
    /// <summary>Longest administrator name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest password accepted (longer input is not a real password; it only costs hashing time).</summary>
    public const int MaxPasswordLength = 256;

    private const string Schema = """
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

    private readonly string _connectionString;
    private readonly int _iterations;
    private readonly TimeProvider _time;
    private readonly Lazy<string> _decoyHash;

    private AdminStore(string databasePath, int iterations, TimeProvider time)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        _iterations = iterations;
        _time = time;
        _decoyHash = new Lazy<string>(() => PasswordHasher.Hash(Guid.NewGuid().ToString(), _iterations));
    }

    /// <summary>Opens the store on the server's database file, creating the tables if needed.</summary>
    public static async Task<AdminStore> OpenAsync(string databasePath, int passwordIterations, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var store = new AdminStore(databasePath, passwordIterations, time);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return store;
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, created_at FROM admin_users ORDER BY name";
        var list = new List<AdminUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AdminUser(reader.GetString(0), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1))));
        }

        return list;
    }

    /// <summary>Adds an administrator; false when the name is taken. Name and password must be valid.</summary>
    public async Task<bool> AddAdminAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        if (!IsValidName(name) || !IsValidPassword(password))
        {
            throw new ArgumentException("Invalid administrator name or password.");
        }

        var hash = PasswordHasher.Hash(password, _iterations);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO admin_users (name, password_hash, created_at) VALUES ($name, $hash, $at)";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeSeconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Replaces an administrator's password; false when there is no such administrator.</summary>
    public async Task<bool> SetAdminPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        if (!IsValidPassword(password))
        {
            throw new ArgumentException("Invalid password.", nameof(password));
        }

        var hash = PasswordHasher.Hash(password, _iterations);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE admin_users SET password_hash = $hash WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", hash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Removes an administrator unless it is the last one (an operator must not lock everyone out);
    /// the count and the delete run in one write transaction.
    /// </summary>
    public async Task<RemoveAdminResult> RemoveAdminAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*), SUM(name = $name) FROM admin_users";
            count.Parameters.AddWithValue("$name", name);
            long total, matching;
            await using (var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                total = reader.GetInt64(0);
                matching = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }

            var result = matching == 0 ? RemoveAdminResult.NotFound : total <= 1 ? RemoveAdminResult.LastAdministrator : RemoveAdminResult.Removed;
            if (result == RemoveAdminResult.Removed)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM admin_users WHERE name = $name";
                delete.Parameters.AddWithValue("$name", name);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var commit = connection.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
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
        await using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, password_hash FROM admin_users WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                storedName = reader.GetString(0);
                hash = reader.GetString(1);
            }
        }

        bool ok = PasswordHasher.Verify(password, hash ?? _decoyHash.Value, _iterations, out _);
        return ok && storedName is not null ? storedName : null;
    }

    /// <summary>Writes one line of the audit log.</summary>
    public async Task AuditAsync(string actor, string action, string? target, string? detail, string? remote, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO admin_audit (at, actor, action, target, detail, remote) VALUES ($at, $actor, $action, $target, $detail, $remote)";
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$target", (object?)target ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$remote", (object?)remote ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest audit entries first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, actor, action, target, detail, remote FROM admin_audit ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 10_000));
        var list = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return list;
    }

    /// <summary>Every disabled account (lower-case emails).</summary>
    public async Task<IReadOnlyList<string>> ListDisabledAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT email FROM admin_disabled_accounts";
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>Marks an account disabled or enabled; false when nothing changed.</summary>
    public async Task<bool> SetDisabledAsync(string email, bool disabled, string by, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = disabled
            ? "INSERT OR IGNORE INTO admin_disabled_accounts (email, disabled_at, disabled_by) VALUES ($email, $at, $by)"
            : "DELETE FROM admin_disabled_accounts WHERE email = $email";
        command.Parameters.AddWithValue("$email", email);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$by", by);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Opens a connection and runs a trivial query (the readiness check).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM admin_users";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
