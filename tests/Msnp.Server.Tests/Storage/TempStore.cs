using Microsoft.Data.Sqlite;
using Msnp.Server.Storage;

namespace Msnp.Server.Tests.Storage;

/// <summary>
/// A real store in a fresh temporary directory: a SQLite file in it, or a fresh PostgreSQL database
/// (<see cref="TestPostgres"/>) with the key files in it. Everything is deleted on dispose.
/// </summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly List<MsnpStore> _opened = [];

    private TempStore(StoreBackend backend, string directory, string? postgres)
    {
        Backend = backend;
        Directory = directory;
        Postgres = postgres;
    }

    public StoreBackend Backend { get; }

    public string Directory { get; }

    /// <summary>The PostgreSQL database's connection string, or null on SQLite.</summary>
    public string? Postgres { get; }

    public MsnpStore Store => _opened[0];

    public IAccountStore Accounts => Store.Accounts;

    public IContactStore Contacts => Store.Contacts;

    public string DatabasePath => Path.Combine(Directory, "msnp.db");

    public static Task<TempStore> CreateAsync(Action<StorageOptions>? configure = null) => CreateAsync(StoreBackend.Sqlite, configure);

    public static async Task<TempStore> CreateAsync(StoreBackend backend, Action<StorageOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        var postgres = backend == StoreBackend.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var temp = new TempStore(backend, directory, postgres);
        try
        {
            await temp.OpenAnotherAsync(configure);
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    public StorageOptions Options(Action<StorageOptions>? configure = null)
    {
        // The lowest accepted work factor keeps the tests quick.
        var options = new StorageOptions { DataDirectory = Directory, Postgres = Postgres, PasswordIterations = StorageOptions.MinimumPasswordIterations };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Opens another, independent store instance on the same database (like a second process would).</summary>
    public async Task<MsnpStore> OpenAnotherAsync(Action<StorageOptions>? configure = null)
    {
        var store = await MsnpStore.OpenAsync(Options(configure));
        _opened.Add(store);
        return store;
    }

    /// <summary>Runs one statement as another tool would, outside every store: on the SQLite file or the PostgreSQL database.</summary>
    public async Task<object?> RawScalarAsync(string sql)
    {
        if (Postgres is not null)
        {
            return await TestPostgres.ScalarAsync(Postgres, sql);
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Creates accounts named <c>name@example.com</c> with password <c>pw-name</c>.</summary>
    public async Task CreateUsersAsync(params string[] names)
    {
        foreach (var name in names)
        {
            var result = await Accounts.CreateAsync(Email(name), "pw-" + name);
            Assert.True(result.Succeeded, $"creating {name}: {result.Error}");
        }
    }

    public static string Email(string name) => name + "@example.com";

    public async Task<uint> VersionOf(string name)
    {
        var version = await Contacts.GetListVersionAsync(Email(name));
        Assert.NotNull(version);
        return version.Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        if (Postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(Postgres);
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
