using System.Data;
using System.Data.Common;
using System.Globalization;
using Msnp.Server.Storage.Relational;
using Npgsql;

namespace Msnp.Server.Storage.Postgres;

/// <summary>
/// The PostgreSQL connection factory: one <see cref="NpgsqlDataSource"/> (its own connection pool)
/// per store. Reads that span several queries run at REPEATABLE READ, so they see one snapshot as
/// SQLite's deferred transactions do. Every write transaction first takes one transaction-scoped
/// advisory lock, the database-wide writer lock that SQLite's <c>BEGIN IMMEDIATE</c> takes: writers
/// from every thread, process and server node queue on it (for at most the busy timeout), each then
/// runs at READ COMMITTED seeing every earlier commit, and commits before the next starts. That keeps
/// SQLite's guarantees exactly (list versions never skip or repeat, a change log committed in id
/// order) without serialization failures to retry; the cost is one writer at a time, as with SQLite.
/// Commits wait for the WAL flush (<c>synchronous_commit = on</c>, set per transaction whatever the
/// server's default), so an acknowledged change survives a crash.
/// </summary>
internal sealed class PostgresDatabase : IStoreDatabase, IDisposable
{
    /// <summary>The advisory lock key of the writer lock ("MSNP" in ASCII); documented in docs/storage.md.</summary>
    public const long WriterLockKey = 0x4D534E50;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _beginWrite;

    private PostgresDatabase(StorageOptions options, NpgsqlDataSource dataSource, string description)
    {
        Options = options;
        _dataSource = dataSource;
        Description = description;
        var lockTimeout = Math.Max(1, (long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _beginWrite = $"SET LOCAL lock_timeout = {lockTimeout}; SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock({WriterLockKey});";
    }

    public StorageOptions Options { get; }

    /// <summary>"PostgreSQL user@host:port/database", never the password.</summary>
    public string Description { get; }

    /// <summary>Parses the connection string (nothing is contacted yet).</summary>
    /// <exception cref="DatabaseUnavailableException">The connection string is malformed.</exception>
    public static PostgresDatabase Create(StorageOptions options)
    {
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(options.Postgres);
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseUnavailableException($"The PostgreSQL connection string is not valid: {FirstLine(ex.Message)}", ex);
        }

        var settings = builder.ConnectionStringBuilder;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new DatabaseUnavailableException("The PostgreSQL connection string names no server (Host=…).");
        }

        settings.ApplicationName ??= "msnp";
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"PostgreSQL {settings.Username ?? Environment.UserName}@{settings.Host}:{settings.Port}/{settings.Database ?? settings.Username ?? Environment.UserName}");
        return new PostgresDatabase(options, builder.Build(), description);
    }

    public Task<StoreSession> ReadAsync(CancellationToken cancellationToken) => BeginAsync(IsolationLevel.RepeatableRead, write: false, cancellationToken);

    public Task<StoreSession> ReadOneAsync(CancellationToken cancellationToken) => BeginAsync(null, write: false, cancellationToken);

    public Task<StoreSession> WriteAsync(CancellationToken cancellationToken) => BeginAsync(IsolationLevel.ReadCommitted, write: true, cancellationToken);

    /// <summary>
    /// Creates the version table and applies pending migrations, all under the writer lock, so
    /// that servers starting together migrate once.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The server cannot be reached or refuses, or the schema is newer than this build.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await WriteAsync(cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(PostgresMigrations.VersionTable, cancellationToken).ConfigureAwait(false);
            var version = Convert.ToInt32(await session.ScalarAsync("SELECT version FROM schema_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (version > PostgresMigrations.LatestVersion)
            {
                throw new DatabaseUnavailableException(
                    $"The database {Description} has schema version {version}, newer than the {PostgresMigrations.LatestVersion} this build knows; run a newer msnp.");
            }

            for (; version < PostgresMigrations.LatestVersion; version++)
            {
                await session.ExecuteAsync(PostgresMigrations.Scripts[version], cancellationToken).ConfigureAwait(false);
                await session.ExecuteAsync("UPDATE schema_version SET version = @version;", cancellationToken, ("@version", version + 1)).ConfigureAwait(false);
            }

            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageFaultException ex)
        {
            throw new DatabaseUnavailableException($"Cannot use {Description}: {FirstLine(Reason(ex))}", ex);
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private async Task<StoreSession> BeginAsync(IsolationLevel? isolation, bool write, CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (isolation is not { } level)
            {
                return new StoreSession(connection, null);
            }

            // Npgsql sends BEGIN together with the first command, so this costs no extra round trip.
            var transaction = await connection.BeginTransactionAsync(level, cancellationToken).ConfigureAwait(false);
            var session = new StoreSession(connection, transaction);
            if (write)
            {
                try
                {
                    await session.ExecuteAsync(_beginWrite, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            return session;
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw ex is DbException db ? StoreSession.Fault(db) : new StorageFaultException($"The database failed: {ex.Message}", ex);
        }
    }

    // Npgsql wraps socket and authentication failures; the innermost message names the cause.
    private static string Reason(Exception ex)
    {
        var inner = ex.InnerException ?? ex;
        if (inner is PostgresException postgres)
        {
            return $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})";
        }

        while (inner.InnerException is not null && inner is not System.Net.Sockets.SocketException)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
