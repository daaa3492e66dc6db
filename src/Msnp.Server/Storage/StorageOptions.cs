namespace Msnp.Server.Storage;

/// <summary>Where the data lives and the limits the stores enforce; bound from configuration.</summary>
public sealed class StorageOptions
{
    /// <summary>The lowest PBKDF2 iteration count accepted; below it a stolen database is too cheap to attack.</summary>
    public const int MinimumPasswordIterations = 100_000;

    /// <summary>Directory holding the database and <c>secret.key</c>; created (mode 0700 on Unix) when missing.</summary>
    public string DataDirectory { get; set; } = "msnp-data";

    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>). When set, the
    /// accounts, lists and operators' tables live in that PostgreSQL database instead of the SQLite
    /// file; <see cref="DataDirectory"/> still holds <c>secret.key</c> and the other keys. Bound from
    /// <c>Msnp:Storage:Postgres</c> (environment variable <c>Msnp__Storage__Postgres</c>).
    /// </summary>
    public string? Postgres { get; set; }

    /// <summary>True when <see cref="Postgres"/> names a PostgreSQL database.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);

    /// <summary>Database file name inside <see cref="DataDirectory"/>.</summary>
    public string DatabaseFileName { get; set; } = "msnp.db";

    /// <summary>FL capacity; 150 as in 2003 (210 beyond it).</summary>
    public int ForwardListLimit { get; set; } = 150;

    /// <summary>AL capacity (210 beyond it).</summary>
    public int AllowListLimit { get; set; } = 300;

    /// <summary>BL capacity (210 beyond it).</summary>
    public int BlockListLimit { get; set; } = 300;

    /// <summary>
    /// RL capacity: how many others may have one user on their FL. It bounds what strangers can
    /// push into someone's <c>SYN</c>; an <c>ADD FL</c> that would pass it gets 210 (docs/limits.md).
    /// </summary>
    public int ReverseListLimit { get; set; } = 1000;

    /// <summary>Groups per user including group 0 (223 beyond it).</summary>
    public int MaxGroups { get; set; } = 30;

    /// <summary>
    /// PBKDF2-SHA256 iterations for new hashes. Raising it re-hashes each password at its owner's next
    /// successful login, since the count is stored with every hash.
    /// </summary>
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>
    /// NOT FOR PRODUCTION. Accepts <see cref="PasswordIterations"/> below
    /// <see cref="MinimumPasswordIterations"/> (down to 1), so that <c>msnp load</c> can create
    /// thousands of throw-away accounts in seconds. Hashes made this way are trivial to crack;
    /// the load tool sets it only on its own store handle, never on a server's configuration.
    /// </summary>
    public bool AllowInsecurePasswordIterationsForLoadTests { get; set; }

    /// <summary>How long a writer waits for another writer (this or another process) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest offline message text accepted, in UTF-8 bytes (docs/limits.md).</summary>
    public int MaxOfflineMessageBytes { get; set; } = 4096;

    /// <summary>Offline messages one recipient may hold; a further one is refused until some are deleted.</summary>
    public int MaxOfflineMessagesPerRecipient { get; set; } = 100;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFileName));

    /// <summary>The full path of the key that encrypts legacy secrets.</summary>
    public string KeyPath => Path.GetFullPath(Path.Combine(DataDirectory, "secret.key"));

    /// <summary>A copy with <see cref="DataDirectory"/> made absolute, so later changes to this object have no effect on a store.</summary>
    public StorageOptions Copy() => new()
    {
        DataDirectory = Path.GetFullPath(DataDirectory),
        Postgres = Postgres,
        DatabaseFileName = DatabaseFileName,
        ForwardListLimit = ForwardListLimit,
        AllowListLimit = AllowListLimit,
        BlockListLimit = BlockListLimit,
        ReverseListLimit = ReverseListLimit,
        MaxGroups = MaxGroups,
        PasswordIterations = PasswordIterations,
        AllowInsecurePasswordIterationsForLoadTests = AllowInsecurePasswordIterationsForLoadTests,
        BusyTimeout = BusyTimeout,
        MaxOfflineMessageBytes = MaxOfflineMessageBytes,
        MaxOfflineMessagesPerRecipient = MaxOfflineMessagesPerRecipient,
    };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(DatabaseFileName);
        ArgumentOutOfRangeException.ThrowIfLessThan(ForwardListLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(AllowListLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockListLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReverseListLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGroups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PasswordIterations, AllowInsecurePasswordIterationsForLoadTests ? 1 : MinimumPasswordIterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOfflineMessageBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOfflineMessagesPerRecipient, 1);
    }
}
