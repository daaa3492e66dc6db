using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Msnp.Server.Storage.Relational;

/// <summary>
/// One pooled connection with one transaction, opened by an <see cref="IStoreDatabase"/> (which
/// decides the isolation and the write lock). Disposing without <see cref="CommitAsync"/> rolls back.
/// A single-statement read may go without a transaction: one statement already sees one snapshot.
/// Every database error (disk full, I/O error, a lock held past the busy timeout, a lost server
/// connection, …) leaves as a <see cref="StorageFaultException"/>, the one type the command dispatch
/// turns into an error reply.
/// </summary>
internal sealed class StoreSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;

    // A single-statement read on a kept SQLite connection: its commands stay prepared, and the
    // connection goes back to the database when the session ends (closed instead after a failure).
    private readonly Sqlite.PreparedReadConnection? _prepared;
    private readonly Sqlite.SqliteDatabase? _returnTo;
    private bool _failed;

    public StoreSession(DbConnection connection, DbTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public StoreSession(Sqlite.PreparedReadConnection prepared, Sqlite.SqliteDatabase returnTo)
    {
        _connection = prepared.Connection;
        _prepared = prepared;
        _returnTo = returnTo;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, owned) = Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            _failed = true;
            throw Fault(ex);
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            await DisposeAsync(command, owned).ConfigureAwait(false);
        }
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, owned) = Command(sql, parameters);
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
        catch (DbException ex)
        {
            _failed = true;
            throw Fault(ex);
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            await DisposeAsync(command, owned).ConfigureAwait(false);
        }
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, owned) = Command(sql, parameters);
        try
        {
            // Disposing the reader resets the statement, so a kept one holds no read snapshot afterwards.
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (DbException ex)
        {
            _failed = true;
            throw Fault(ex);
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            await DisposeAsync(command, owned).ConfigureAwait(false);
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
        catch (DbException ex)
        {
            throw Fault(ex);
        }
    }

    /// <summary>The one-line fault for a database error, naming the engine's own code.</summary>
    public static StorageFaultException Fault(DbException ex) => ex switch
    {
        SqliteException sqlite => new($"The database failed: {sqlite.Message} (SQLite error {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}).", ex),
        PostgresException postgres => new($"The database failed: {postgres.MessageText} (PostgreSQL SQLSTATE {postgres.SqlState}).", ex),
        _ => new($"The database failed: {ex.Message}", ex),
    };

    public async ValueTask DisposeAsync()
    {
        if (_prepared is not null)
        {
            await _returnTo!.ReturnAsync(_prepared, _failed).ConfigureAwait(false);
            return;
        }

        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (DbException)
        {
            // A failed rollback (the disk or the server went away): SQLite rolls the journal back at
            // the next open; PostgreSQL aborts a transaction whose connection is gone.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ValueTask DisposeAsync(DbCommand command, bool owned) => owned ? command.DisposeAsync() : ValueTask.CompletedTask;

    private (DbCommand Command, bool Owned) Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (_prepared?.Command(sql, parameters) is { } kept)
        {
            return (kept, false);
        }

        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return (command, true);
    }
}
