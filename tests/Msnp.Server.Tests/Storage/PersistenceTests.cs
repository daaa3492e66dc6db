using System.Text.Json;
using Microsoft.Data.Sqlite;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Data_survives_closing_and_reopening_the_store()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice", "bob");
        var alice = Email("alice");
        var group = (await temp.Contacts.AddGroupAsync(alice, "Work")).GroupId!.Value;
        await temp.Contacts.AddAsync(alice, ContactLists.Forward, Email("bob"), "Bobby", group);
        await temp.Contacts.SetBlpAsync(alice, BlpMode.BL);
        await temp.Contacts.SetPhoneAsync(alice, PhoneType.PHW, "42");
        var before = JsonSerializer.Serialize(await temp.Contacts.GetSnapshotAsync(alice));
        temp.Store.Dispose();

        var reopened = await temp.OpenAnotherAsync();

        Assert.Equal(before, JsonSerializer.Serialize(await reopened.Contacts.GetSnapshotAsync(alice)));
        Assert.Equal(1u, await reopened.Contacts.GetListVersionAsync(Email("bob")));
        Assert.True(await reopened.Accounts.VerifyPasswordAsync(alice, "pw-alice"));
        Assert.Equal("pw-bob", await reopened.Accounts.GetLegacySecretAsync(Email("bob")));
    }

    [Fact]
    public async Task Reopening_applies_no_migration_twice()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");
        Assert.Equal(SchemaMigrations.LatestVersion, await ScalarAsync(temp.DatabasePath, "PRAGMA user_version;"));
        var schema = await SchemaAsync(temp.DatabasePath);

        await temp.OpenAnotherAsync();
        await temp.OpenAnotherAsync();

        Assert.Equal(SchemaMigrations.LatestVersion, await ScalarAsync(temp.DatabasePath, "PRAGMA user_version;"));
        Assert.Equal(schema, await SchemaAsync(temp.DatabasePath));
        Assert.Single(await temp.Accounts.ListAsync());
    }

    [Fact]
    public async Task The_database_uses_WAL_and_enforces_foreign_keys()
    {
        await using var temp = await TempStore.CreateAsync();

        await using var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());

        // Deleting an account relies on ON DELETE CASCADE, which SQLite only honours with foreign_keys=ON.
        await temp.CreateUsersAsync("alice", "bob");
        var group = (await temp.Contacts.AddGroupAsync(Email("alice"), "Work")).GroupId!.Value;
        await temp.Contacts.AddAsync(Email("alice"), ContactLists.Forward, Email("bob"), "b", group);
        await temp.Contacts.SetPhoneAsync(Email("alice"), PhoneType.PHH, "1");
        await temp.Accounts.RemoveAsync(Email("alice"));

        command.CommandText = "PRAGMA foreign_key_check;";
        Assert.Null(await command.ExecuteScalarAsync());
        command.CommandText = "SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM contact_groups) + (SELECT count(*) FROM phones) + (SELECT count(*) FROM groups WHERE group_id <> 0);";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_newer_schema_than_this_build_knows_is_refused()
    {
        await using var temp = await TempStore.CreateAsync();
        await ScalarAsync(temp.DatabasePath, $"PRAGMA user_version = {SchemaMigrations.LatestVersion + 1};");
        temp.Store.Dispose();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => temp.OpenAnotherAsync());
        Assert.Contains("newer", error.Message);
    }

    [Fact]
    public async Task An_empty_database_file_is_migrated_from_scratch()
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "msnp.db"), []);
        try
        {
            using var store = await SqliteStore.OpenAsync(new StorageOptions { DataDirectory = directory, PasswordIterations = StorageOptions.MinimumPasswordIterations });
            Assert.True((await store.Accounts.CreateAsync("alice@example.com", "pw")).Succeeded);
            Assert.Equal(SchemaMigrations.LatestVersion, await ScalarAsync(store.DatabasePath, "PRAGMA user_version;"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static async Task<string> SchemaAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(type || ':' || name || ':' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_schema ORDER BY name);";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
