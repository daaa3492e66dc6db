using Msnp.Server.Storage.OfflineMessages;
using Msnp.Server.Storage.Postgres;
using Msnp.Server.Storage.Relational;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Server.Storage;

/// <summary>
/// The server's storage: the embedded SQLite file (the default) or a PostgreSQL database
/// (<see cref="StorageOptions.Postgres"/>). Both run the same store code over the same logical
/// schema with the same guarantees (docs/storage.md).
/// </summary>
public abstract class MsnpStore : IDisposable
{
    private protected MsnpStore()
    {
    }

    /// <summary>Accounts and credentials.</summary>
    public abstract IAccountStore Accounts { get; }

    /// <summary>Lists, groups and settings.</summary>
    public abstract IContactStore Contacts { get; }

    /// <summary>Offline messages (OIMs), per recipient.</summary>
    public abstract IOfflineMessageStore OfflineMessages { get; }

    /// <summary>The storage service's profiles (roaming personal message, display picture).</summary>
    public abstract Profiles.IProfileStore Profiles { get; }

    /// <summary>One line naming where the data is, for banners and logs; never holds a password.</summary>
    public abstract string Description { get; }

    /// <summary>The connection factory the operators' tables use too.</summary>
    internal abstract IStoreDatabase Database { get; }

    /// <summary>Opens the store the options name: PostgreSQL when <see cref="StorageOptions.Postgres"/> is set, else SQLite.</summary>
    /// <exception cref="DataDirectoryException">The data directory, the database or the key cannot be used; the message is one line.</exception>
    public static async Task<MsnpStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UsesPostgres
            ? await PostgresStore.OpenAsync(options, cancellationToken).ConfigureAwait(false)
            : await SqliteStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the pooled connections.</summary>
    public abstract void Dispose();
}
