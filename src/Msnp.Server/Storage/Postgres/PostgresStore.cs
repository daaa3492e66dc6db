using Msnp.Server.Storage.OfflineMessages;
using Msnp.Server.Storage.Relational;
using Msnp.Server.Storage.Security;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Server.Storage.Postgres;

/// <summary>
/// The accounts, lists and operators' tables in a PostgreSQL database (<see cref="StorageOptions.Postgres"/>),
/// shared by every server process and <c>msnp user</c> that names it. The data directory still holds
/// <c>secret.key</c>, which encrypts the MD5 secrets: every process using the database needs the
/// same key file, and a wrong or missing one is refused at open as for SQLite.
/// </summary>
public sealed class PostgresStore : MsnpStore
{
    private readonly PostgresDatabase _database;

    private PostgresStore(PostgresDatabase database, LegacySecretProtector protector)
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
    public override string Description => _database.Description;

    internal override IStoreDatabase Database => _database;

    /// <summary>
    /// Connects, applies pending schema migrations and loads (or creates) <c>secret.key</c> in the data
    /// directory. The options object is copied, so later changes to it have no effect.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The connection string is malformed, the server cannot be reached or refuses, or the schema is newer.</exception>
    /// <exception cref="DataDirectoryException"><c>secret.key</c> is missing or wrong while MD5 secrets exist.</exception>
    public static new async Task<PostgresStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var copy = options.Copy();
        if (!copy.UsesPostgres)
        {
            throw new ArgumentException("No PostgreSQL connection string is set.", nameof(options));
        }

        PrivateFile.EnsureDirectory(copy.DataDirectory);
        var database = PostgresDatabase.Create(copy);
        try
        {
            await database.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var sample = await database.SampleSecretAsync(cancellationToken).ConfigureAwait(false);
            var protector = new LegacySecretProtector(DataDirectoryCheck.LoadSecretKey(copy, sample));
            return new PostgresStore(database, protector);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Closes the pooled connections.</summary>
    public override void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}
