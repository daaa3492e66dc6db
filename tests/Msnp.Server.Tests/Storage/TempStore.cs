using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Server.Tests.Storage;

/// <summary>A real SQLite store in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly List<SqliteStore> _opened = [];

    private TempStore(string directory) => Directory = directory;

    public string Directory { get; }

    public SqliteStore Store => _opened[0];

    public IAccountStore Accounts => Store.Accounts;

    public IContactStore Contacts => Store.Contacts;

    public string DatabasePath => Path.Combine(Directory, "msnp.db");

    public static async Task<TempStore> CreateAsync(Action<StorageOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        var temp = new TempStore(directory);
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
        var options = new StorageOptions { DataDirectory = Directory, PasswordIterations = StorageOptions.MinimumPasswordIterations };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Opens another, independent store instance on the same files (like a second process would).</summary>
    public async Task<SqliteStore> OpenAnotherAsync(Action<StorageOptions>? configure = null)
    {
        var store = await SqliteStore.OpenAsync(Options(configure));
        _opened.Add(store);
        return store;
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

    public ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
