namespace Msnp.Server.Storage.Relational;

/// <summary>
/// The connection factory the relational stores run on: SQLite (<see cref="Sqlite.SqliteDatabase"/>)
/// or PostgreSQL (<see cref="Postgres.PostgresDatabase"/>). Each kind of session gives the same
/// guarantees on both: a read session sees one consistent snapshot across its queries; a write
/// session is the only writer of the database from its first statement to its commit (other
/// threads, processes and server nodes queue), so list versions never skip or repeat.
/// </summary>
internal interface IStoreDatabase
{
    StorageOptions Options { get; }

    /// <summary>A read-only session over several queries that all see one snapshot.</summary>
    Task<StoreSession> ReadAsync(CancellationToken cancellationToken);

    /// <summary>A session for exactly one read statement, without BEGIN and ROLLBACK around it.</summary>
    Task<StoreSession> ReadOneAsync(CancellationToken cancellationToken);

    /// <summary>A write session holding the database's write lock until it commits or is disposed.</summary>
    Task<StoreSession> WriteAsync(CancellationToken cancellationToken);
}
