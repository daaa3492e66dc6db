using System.Text.Json;
using Microsoft.Data.Sqlite;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>); the file-level checks are in <see cref="SqlitePersistenceTests"/>.</summary>
public abstract class PersistenceTests(StoreBackend backend)
{
    public sealed class OnSqlite() : PersistenceTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : PersistenceTests(StoreBackend.Postgres);

    [Fact]
    public async Task Data_survives_closing_and_reopening_the_store()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var alice = Email("alice");
        var group = (await temp.Contacts.AddGroupAsync(alice, "Work")).GroupId!.Value;
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "Bobby", group);
        await temp.Contacts.SetBlpAsync(alice, DefaultPrivacy.Block);
        await temp.Contacts.SetPhoneAsync(alice, PhoneKind.Work, "42");
        var before = JsonSerializer.Serialize(await temp.Contacts.GetSnapshotAsync(alice));
        temp.Store.Dispose();

        var reopened = await temp.OpenAnotherAsync();

        Assert.Equal(before, JsonSerializer.Serialize(await reopened.Contacts.GetSnapshotAsync(alice)));
        Assert.Equal(1u, await reopened.Contacts.GetListVersionAsync(Email("bob")));
        Assert.True(await reopened.Accounts.VerifyPasswordAsync(alice, "pw-alice"));
        Assert.Equal("pw-bob", await reopened.Accounts.GetLegacySecretAsync(Email("bob")));
    }

    [Fact]
    public async Task Settings_and_lists_are_stored_as_their_wire_tokens_and_bits()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var alice = Email("alice");
        const string modes = "SELECT gtc || ' ' || blp FROM accounts WHERE email = 'alice@example.com';";
        Assert.Equal("A AL", await TextAsync(temp, modes));

        await temp.Contacts.SetGtcAsync(alice, ReverseListPrompt.DoNotAsk);
        await temp.Contacts.SetBlpAsync(alice, DefaultPrivacy.Block);
        foreach (var kind in Enum.GetValues<PhoneKind>())
        {
            await temp.Contacts.SetPhoneAsync(alice, kind, "Y");
        }

        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b");
        await temp.Contacts.AddAsync(alice, ListKind.Block, Email("bob"), "b");

        Assert.Equal("N BL", await TextAsync(temp, modes));
        Assert.Equal(6L, await ScalarAsync(temp, "SELECT count(DISTINCT type) FROM phones WHERE type IN ('MBE', 'MOB', 'PHH', 'PHM', 'PHW', 'WWE');"));
        Assert.Equal(5L, await ScalarAsync(temp, "SELECT lists FROM contacts WHERE owner_id = (SELECT id FROM accounts WHERE email = 'alice@example.com');"));
    }

    [Fact]
    public async Task Stored_tokens_written_by_another_tool_read_back_as_protocol_values()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        await ScalarAsync(temp, "UPDATE accounts SET gtc = 'N', blp = 'BL';");
        await ScalarAsync(temp, "INSERT INTO phones (account_id, type, value) SELECT id, 'MOB', 'Y' FROM accounts;");

        var snapshot = (await temp.Contacts.GetSnapshotAsync(Email("alice")))!;

        Assert.Equal(new PrivacySettings(ReverseListPrompt.DoNotAsk, DefaultPrivacy.Block), snapshot.Privacy);
        Assert.Equal([new PhoneSetting(PhoneKind.MobilePaging, "Y")], snapshot.Phones);

        await ScalarAsync(temp, "INSERT INTO phones (account_id, type, value) SELECT id, 'phh', '1' FROM accounts;");
        await Assert.ThrowsAsync<InvalidDataException>(() => temp.Contacts.GetSnapshotAsync(Email("alice")));
    }

    private static async Task<long> ScalarAsync(TempStore temp, string sql) => Convert.ToInt64(await temp.RawScalarAsync(sql) ?? 0L);

    private static async Task<string?> TextAsync(TempStore temp, string sql) => (string?)await temp.RawScalarAsync(sql);
}

/// <summary>What only the SQLite file has: WAL, <c>PRAGMA user_version</c>, the file itself.</summary>
public sealed class SqlitePersistenceTests
{
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
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "b", group);
        await temp.Contacts.SetPhoneAsync(Email("alice"), PhoneKind.Home, "1");
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

    private static async Task<long> ScalarAsync(string path, string sql) => Convert.ToInt64(await RawScalarAsync(path, sql) ?? 0L);

    private static async Task<string?> TextAsync(string path, string sql) => (string?)await RawScalarAsync(path, sql);

    private static Task<string?> SchemaAsync(string path) =>
        TextAsync(path, "SELECT group_concat(type || ':' || name || ':' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_schema ORDER BY name);");

    // A separate, unpooled connection: what another tool (or an older build) sees in the file.
    private static async Task<object?> RawScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
