using Msnp.Server.Storage.OfflineMessages;
using Msnp.Server.Storage.Relational;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// The embedded SQLite storage: one database file in the data directory (default
/// <c>./msnp-data/msnp.db</c>) shared by the account and contact stores, safe to use from the server
/// and the <c>msnp user</c> command at the same time.
/// </summary>
public sealed class SqliteStore : MsnpStore
{
    private readonly SqliteDatabase _database;

    private SqliteStore(SqliteDatabase database, LegacySecretProtector protector)
    {
        _database = database;
        Accounts = new RelationalAccountStore(database, protector);
        Contacts = new RelationalContactStore(database);
        OfflineMessages = new RelationalOfflineMessageStore(database);
        Profiles = new RelationalProfileStore(database);
    }

    /// <inheritdoc/>
    public override IAccountStore Accounts { get; }

    /// <inheritdoc/>
    public override IContactStore Contacts { get; }

    /// <inheritdoc/>
    public override IOfflineMessageStore OfflineMessages { get; }

    /// <inheritdoc/>
    public override Profiles.IProfileStore Profiles { get; }

    /// <inheritdoc/>
    public override string Description => "SQLite " + DatabasePath;

    internal override IStoreDatabase Database => _database;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _database.Options.DatabasePath;

    /// <summary>
    /// Opens (creating if needed) the database and the secret key, and applies pending schema
    /// migrations. The options object is copied, so later changes to it have no effect.
    /// </summary>
    /// <exception cref="DataDirectoryException">The database is emptied, unreadable or damaged, or
    /// <c>secret.key</c> is missing or wrong while MD5 secrets exist; the message is one line naming the file.</exception>
    public static new async Task<SqliteStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var copy = options.Copy();

        var database = new SqliteDatabase(copy);
        await database.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var protector = new LegacySecretProtector(DataDirectoryCheck.LoadSecretKey(copy, await database.SampleSecretAsync(cancellationToken).ConfigureAwait(false)));
        return new SqliteStore(database, protector);
    }

    /// <summary>Releases the pooled connections so the files can be moved or deleted.</summary>
    public override void Dispose()
    {
        _database.ClearPool();
        GC.SuppressFinalize(this);
    }
}
