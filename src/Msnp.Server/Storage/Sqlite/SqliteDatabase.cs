using System.Globalization;
using Microsoft.Data.Sqlite;
using Msnp.Server.Storage.Relational;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// The shared connection factory of the SQLite stores: one connection per operation from the
/// Microsoft.Data.Sqlite pool, foreign keys on, WAL journal, and the schema brought up to date once
/// at open. Single-statement reads run on kept connections whose statements stay prepared
/// (<see cref="PreparedReadConnection"/>). No rows are cached in memory, so another process may
/// write the same file at any time.
/// </summary>
internal sealed class SqliteDatabase : IStoreDatabase
{
    // Idle kept connections for single-statement reads (PreparedReadConnection); more than this many
    // idle ones are closed when returned. Counted separately, as ConcurrentStack.Count walks the stack.
    private const int MaxIdlePreparedReads = 16;

    private readonly string _connectionString;
    private readonly System.Collections.Concurrent.ConcurrentStack<PreparedReadConnection> _preparedReads = new();
    private int _idlePreparedReads;

    // Raised by ClearPool: a kept connection opened before it is closed when it comes back.
    private int _generation;

    public SqliteDatabase(StorageOptions options)
    {
        Options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    public StorageOptions Options { get; }

    public Task<StoreSession> ReadAsync(CancellationToken cancellationToken) => BeginAsync(write: false, transaction: true, cancellationToken);

    public Task<StoreSession> ReadOneAsync(CancellationToken cancellationToken)
    {
        if (_preparedReads.TryPop(out var kept))
        {
            Interlocked.Decrement(ref _idlePreparedReads);
            return Task.FromResult(new StoreSession(kept, this));
        }

        return OpenPreparedReadAsync(cancellationToken);
    }

    /// <summary>Takes back a kept read connection: idle again, or closed after a failure, a <see cref="ClearPool"/> or when enough are idle.</summary>
    internal async ValueTask ReturnAsync(PreparedReadConnection kept, bool failed)
    {
        if (failed || kept.Generation != Volatile.Read(ref _generation))
        {
            await kept.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _idlePreparedReads) > MaxIdlePreparedReads)
        {
            Interlocked.Decrement(ref _idlePreparedReads);
            await kept.DisposeAsync().ConfigureAwait(false);
            return;
        }

        _preparedReads.Push(kept);

        // A ClearPool between the check and the push: take it out again.
        if (kept.Generation != Volatile.Read(ref _generation))
        {
            await ClosePreparedReadsAsync().ConfigureAwait(false);
        }
    }

    private Task<StoreSession> OpenPreparedReadAsync(CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        return OpenAsync(connection => new StoreSession(new PreparedReadConnection(connection, generation), this), cancellationToken);
    }

    private async ValueTask ClosePreparedReadsAsync()
    {
        while (_preparedReads.TryPop(out var kept))
        {
            Interlocked.Decrement(ref _idlePreparedReads);
            await kept.DisposeAsync().ConfigureAwait(false);
        }
    }

    public Task<StoreSession> WriteAsync(CancellationToken cancellationToken) => BeginAsync(write: true, transaction: true, cancellationToken);

    // Deferred for reads (a consistent snapshot across several queries), BEGIN IMMEDIATE for writes,
    // so that concurrent writers — other threads or another process on the same file — queue on the
    // write lock instead of failing on upgrade.
    private Task<StoreSession> BeginAsync(bool write, bool transaction, CancellationToken cancellationToken) =>
        // deferred: false issues BEGIN IMMEDIATE, which takes the write lock up front.
        OpenAsync(connection => new StoreSession(connection, write || transaction ? connection.BeginTransaction(deferred: !write) : null), cancellationToken);

    // Opens a connection with the busy timeout set and makes the session on it; the connection is
    // closed again when either fails.
    private async Task<StoreSession> OpenAsync(Func<SqliteConnection, StoreSession> session, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Pooled connections keep it, but setting it keeps every session correct. This is what
            // PRAGMA busy_timeout does, without preparing and running a statement per session.
            int rc = SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, (int)Math.Min(int.MaxValue, (long)Options.BusyTimeout.TotalMilliseconds));
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            return session(connection);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw StoreSession.Fault(ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates the directory and file if needed, checks the file (<see cref="DataDirectoryCheck"/>,
    /// <c>PRAGMA quick_check</c>), switches to WAL and applies pending migrations in one transaction.
    /// </summary>
    /// <exception cref="DataDirectoryException">The file is emptied, unreadable or damaged.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        PrivateFile.EnsureDirectory(Options.DataDirectory);
        DataDirectoryCheck.BeforeOpen(Options);
        try
        {
            await OpenAndMigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or StorageFaultException)
        {
            throw DataDirectoryCheck.Unreadable(Options, ex);
        }
    }

    private async Task OpenAndMigrateAsync(CancellationToken cancellationToken)
    {
        // SQLite gives its -wal and -shm files the mode of the database file, so creating it 0600 covers all three.
        if (!File.Exists(Options.DatabasePath))
        {
            PrivateFile.Write(Options.DatabasePath, [], PrivateFile.OwnerOnly, overwrite: false);
        }

        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();

            // journal_mode cannot change inside a transaction, and it is persistent in the file.
            command.CommandText = "PRAGMA busy_timeout = " + ((long)Options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database '{Options.DatabasePath}' could not be switched to WAL mode (got '{mode}').");
            }

            // Page-level damage (a torn copy, a bad sector) found now rather than at some user's sign-in.
            command.CommandText = "PRAGMA quick_check;";
            var check = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty;
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw DataDirectoryCheck.Damaged(Options, check);
            }
        }

        await using var session = await WriteAsync(cancellationToken).ConfigureAwait(false);
        var version = Convert.ToInt32(await session.ScalarAsync("PRAGMA user_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version > SchemaMigrations.LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database '{Options.DatabasePath}' has schema version {version}, newer than the {SchemaMigrations.LatestVersion} this build knows.");
        }

        for (; version < SchemaMigrations.LatestVersion; version++)
        {
            await session.ExecuteAsync(SchemaMigrations.Scripts[version], cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync("PRAGMA user_version = " + (version + 1).ToString(CultureInfo.InvariantCulture) + ";", cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the idle pooled connections so the files are released.</summary>
    public void ClearPool()
    {
        Interlocked.Increment(ref _generation);
        ClosePreparedReadsAsync().AsTask().GetAwaiter().GetResult();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
