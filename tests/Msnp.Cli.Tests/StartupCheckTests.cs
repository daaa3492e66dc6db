using System.Security.Cryptography;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve</c> refuses a data directory whose files no longer belong together, with one line
/// naming the file, instead of starting afresh (and making every MD5 sign-in fail).
/// </summary>
public sealed class StartupCheckTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-startup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_emptied_database_next_to_its_keys_is_refused()
    {
        await CreateAccountAsync();
        await File.WriteAllBytesAsync(Path.Combine(_data, "msnp.db"), []);
        File.Delete(Path.Combine(_data, "msnp.db-wal"));
        await AssertRefusedAsync(Path.Combine(_data, "msnp.db"));
    }

    [Fact]
    public async Task A_damaged_database_is_refused()
    {
        await CreateAccountAsync();
        var path = Path.Combine(_data, "msnp.db");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length >= 3 * 4096, $"the database has only {bytes.Length} bytes");

        // Page 2 onwards overwritten: the header still says "SQLite format 3".
        RandomNumberGenerator.Fill(bytes.AsSpan(4096));
        await File.WriteAllBytesAsync(path, bytes);
        await AssertRefusedAsync(path);
    }

    [Fact]
    public async Task A_missing_secret_key_is_refused_while_MD5_secrets_exist()
    {
        await CreateAccountAsync();
        File.Delete(Path.Combine(_data, "secret.key"));
        await AssertRefusedAsync(Path.Combine(_data, "secret.key"));
        Assert.False(File.Exists(Path.Combine(_data, "secret.key")), "a new key was made");
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused_while_MD5_secrets_exist()
    {
        await CreateAccountAsync();
        await File.WriteAllBytesAsync(Path.Combine(_data, "secret.key"), RandomNumberGenerator.GetBytes(32));
        await AssertRefusedAsync(Path.Combine(_data, "secret.key"));
    }

    [Fact]
    public async Task Serve_creates_the_data_directory_owner_only()
    {
        var nested = Path.Combine(_data, "data");
        await using (await TestServer.StartAsync(o => o.DataDirectory = nested))
        {
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(nested));
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task CreateAccountAsync()
    {
        using var store = await SqliteStore.OpenAsync(new StorageOptions { DataDirectory = _data, PasswordIterations = StorageOptions.MinimumPasswordIterations });
        Assert.True((await store.Accounts.CreateAsync("owner@example.com", "pw", "Owner")).Succeeded);

        // Enough rows that the file has several pages.
        for (int i = 0; i < 40; i++)
        {
            Assert.True((await store.Accounts.CreateAsync($"c{i}@example.com", "pw", "Contact%20with%20a%20long%20name%20" + i)).Succeeded);
        }
    }

    // Exits with the usage code and one line on standard error that names the file.
    private async Task AssertRefusedAsync(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (exit, output, error) = await MsnpProcess.RunAsync(null, "serve", "--data", _data, "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0");
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("notification", output, StringComparison.Ordinal);
        var lines = MsnpProcess.Lines(error);
        Assert.Single(lines);
        Assert.StartsWith("msnp serve: cannot start: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(file, lines[0], StringComparison.Ordinal);
    }
}
