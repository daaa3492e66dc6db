using Microsoft.Data.Sqlite;

namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// One pooled connection with one transaction: deferred for reads (a consistent snapshot across
/// several queries), <c>BEGIN IMMEDIATE</c> for writes so that concurrent writers — other threads or
/// another process on the same file — queue on the write lock instead of failing on upgrade.
/// Disposing without <see cref="CommitAsync"/> rolls back. A single-statement read may go without
/// a transaction: one statement already sees one snapshot, and BEGIN and ROLLBACK would be two
/// more statements on the sign-in path. Every SQLite error (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY
/// past the timeout, …) leaves as a <see cref="StorageFaultException"/>, the one type the command
/// dispatch turns into an error reply.
/// </summary>
internal sealed class StoreSession : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;

    private StoreSession(SqliteConnection connection, SqliteTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<StoreSession> BeginAsync(string connectionString, TimeSpan busyTimeout, bool write, CancellationToken cancellationToken, bool transaction = true)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Pooled connections keep it, but setting it keeps every session correct. This is what
            // PRAGMA busy_timeout does, without preparing and running a statement per session.
            int rc = SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, (int)Math.Min(int.MaxValue, (long)busyTimeout.TotalMilliseconds));
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);

            // deferred: false issues BEGIN IMMEDIATE, which takes the write lock up front.
            return new StoreSession(connection, write || transaction ? connection.BeginTransaction(deferred: !write) : null);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Fault(ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Fault(ex);
        }
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
        catch (SqliteException ex)
        {
            throw Fault(ex);
        }
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (SqliteException ex)
        {
            throw Fault(ex);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        try
        {
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Fault(ex);
        }
    }

    private static StorageFaultException Fault(SqliteException ex) =>
        new($"The database failed: {ex.Message} (SQLite error {ex.SqliteErrorCode}/{ex.SqliteExtendedErrorCode}).", ex);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (SqliteException)
        {
            // A failed rollback (the disk went away): SQLite rolls the journal back at the next open.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
