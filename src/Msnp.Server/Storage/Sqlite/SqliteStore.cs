using Msnp.Server.Storage.Security;

namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// The embedded SQLite storage: one database file in the data directory (default
/// <c>./msnp-data/msnp.db</c>) shared by the account and contact stores, safe to use from the server
/// and the <c>msnp user</c> command at the same time.
/// </summary>
public sealed class SqliteStore : IDisposable
{
    private readonly SqliteDatabase _database;

    private SqliteStore(SqliteDatabase database, LegacySecretProtector protector)
    {
        _database = database;
        Accounts = new SqliteAccountStore(database, protector);
        Contacts = new SqliteContactStore(database);
    }

    /// <summary>Accounts and credentials.</summary>
    public IAccountStore Accounts { get; }

    /// <summary>Lists, groups and settings.</summary>
    public IContactStore Contacts { get; }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _database.Options.DatabasePath;

    /// <summary>
    /// Opens (creating if needed) the database and the secret key, and applies pending schema
    /// migrations. The options object is copied, so later changes to it have no effect.
    /// </summary>
    /// <exception cref="DataDirectoryException">The database is emptied, unreadable or damaged, or
    /// <c>secret.key</c> is missing or wrong while MD5 secrets exist; the message is one line naming the file.</exception>
    public static async Task<SqliteStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var copy = new StorageOptions
        {
            DataDirectory = Path.GetFullPath(options.DataDirectory),
            DatabaseFileName = options.DatabaseFileName,
            ForwardListLimit = options.ForwardListLimit,
            AllowListLimit = options.AllowListLimit,
            BlockListLimit = options.BlockListLimit,
            ReverseListLimit = options.ReverseListLimit,
            MaxGroups = options.MaxGroups,
            PasswordIterations = options.PasswordIterations,
            AllowInsecurePasswordIterationsForLoadTests = options.AllowInsecurePasswordIterationsForLoadTests,
            BusyTimeout = options.BusyTimeout,
        };

        var database = new SqliteDatabase(copy);
        await database.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var protector = new LegacySecretProtector(DataDirectoryCheck.LoadSecretKey(copy, await SampleSecretAsync(database, cancellationToken).ConfigureAwait(false)));
        return new SqliteStore(database, protector);
    }

    // One account's encrypted MD5 secret, to prove secret.key is the key it was made with.
    private static async Task<(string Email, byte[] Record)?> SampleSecretAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var session = await database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            "SELECT email, legacy_secret FROM accounts ORDER BY id LIMIT 1;",
            r => (r.GetString(0), (byte[])r.GetValue(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Releases the pooled connections so the files can be moved or deleted.</summary>
    public void Dispose() => _database.ClearPool();
}
