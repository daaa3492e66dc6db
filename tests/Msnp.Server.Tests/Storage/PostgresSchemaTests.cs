using System.Net;
using System.Net.Sockets;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Postgres;
using Msnp.Server.Storage.Security;
using Npgsql;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>What only the PostgreSQL database has: its version table, its migrations, its connection errors.</summary>
public sealed class PostgresSchemaTests
{
    // Tables, columns with their types and collations, constraints and indexes, in a stable order.
    private const string SchemaDump = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(collation_name, '') || ' ' || coalesce(column_default, '') AS line
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        ) lines;
        """;

    [Fact]
    public async Task An_empty_database_gets_every_script_once_and_reopening_changes_nothing()
    {
        await using var temp = await TempStore.CreateAsync(StoreBackend.Postgres);
        await temp.CreateUsersAsync("alice");
        Assert.Equal(PostgresMigrations.LatestVersion, Convert.ToInt32(await temp.RawScalarAsync("SELECT version FROM schema_version;")));
        var schema = (string)(await temp.RawScalarAsync(SchemaDump))!;
        Assert.Contains("column accounts.email text NO C", schema);
        Assert.Contains("column contacts.pending integer NO", schema);

        await temp.OpenAnotherAsync();
        await temp.OpenAnotherAsync();

        Assert.Equal(1L, await temp.RawScalarAsync("SELECT count(*) FROM schema_version;"));
        Assert.Equal(PostgresMigrations.LatestVersion, Convert.ToInt32(await temp.RawScalarAsync("SELECT version FROM schema_version;")));
        Assert.Equal(schema, await temp.RawScalarAsync(SchemaDump));
        Assert.Single(await temp.Accounts.ListAsync());
    }

    [Fact]
    public async Task Servers_opening_an_empty_database_together_migrate_it_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var options = new StorageOptions { DataDirectory = directory, Postgres = database, PasswordIterations = StorageOptions.MinimumPasswordIterations };
            var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MsnpStore.OpenAsync(options))));
            try
            {
                Assert.Equal(PostgresMigrations.LatestVersion, Convert.ToInt32(await TestPostgres.ScalarAsync(database, "SELECT version FROM schema_version;")));
                Assert.True((await stores[0].Accounts.CreateAsync("alice@example.com", "pw")).Succeeded);
                Assert.NotNull(await stores[3].Accounts.FindAsync("alice@example.com"));
            }
            finally
            {
                foreach (var store in stores)
                {
                    store.Dispose();
                }
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_schema_1_database_with_lists_gets_guids_stamps_and_pending_marks()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // What a schema-1 server left: alice has bob on FL (group 0 and "Work"); bob has alice on RL only.
            PrivateFile.EnsureDirectory(directory);
            var protector = new LegacySecretProtector(SecretKeyFile.LoadOrCreate(Path.Combine(directory, "secret.key")));
            string Secret(string email) => "\\x" + Convert.ToHexString(protector.Protect("pw", email));
            await TestPostgres.ScalarAsync(database, PostgresMigrations.VersionTable + PostgresMigrations.Scripts[0] + "UPDATE schema_version SET version = 1;");
            await TestPostgres.ScalarAsync(database, $"""
                INSERT INTO accounts (email, friendly_name, password_hash, legacy_secret, list_version, created_at) VALUES
                    ('alice@example.com', 'Alice', 'x', '{Secret("alice@example.com")}', 3, '2003-01-01T00:00:00.0000000+00:00'),
                    ('bob@example.com', 'Bob', 'x', '{Secret("bob@example.com")}', 1, '2003-01-01T00:00:00.0000000+00:00');
                INSERT INTO groups (owner_id, group_id, name) VALUES (1, 0, 'Other%20Contacts'), (1, 1, 'Work'), (2, 0, 'Other%20Contacts');
                INSERT INTO contacts (owner_id, contact_id, lists, nickname) VALUES (1, 2, 1, 'Bobby'), (2, 1, 8, NULL);
                INSERT INTO contact_groups (owner_id, contact_id, group_id) VALUES (1, 2, 0), (1, 2, 1);
                """);

            using var store = await MsnpStore.OpenAsync(new StorageOptions { DataDirectory = directory, Postgres = database, PasswordIterations = StorageOptions.MinimumPasswordIterations });

            Assert.Equal(PostgresMigrations.LatestVersion, Convert.ToInt32(await TestPostgres.ScalarAsync(database, "SELECT version FROM schema_version;")));
            Assert.Equal("pw", await store.Accounts.GetLegacySecretAsync("bob@example.com"));
            var alice = (await store.Contacts.GetSnapshotAsync("alice@example.com"))!;
            Assert.Equal(3u, alice.Version);
            var bobEntry = Assert.Single(alice.Contacts);
            Assert.Equal(("Bobby", ListKind.Forward, false), (bobEntry.Name, bobEntry.Lists, bobEntry.Pending));
            Assert.Equal([0, 1], bobEntry.GroupIds);
            var aliceEntry = Assert.Single((await store.Contacts.GetSnapshotAsync("bob@example.com"))!.Contacts);
            Assert.Equal(("Alice", ListKind.Reverse, true), (aliceEntry.Name, aliceEntry.Lists, aliceEntry.Pending));
            Assert.Equal(1, await store.Contacts.FindGroupIdAsync("alice@example.com", alice.Groups[1].Guid));

            Assert.Equal(3L, await TestPostgres.ScalarAsync(database, "SELECT count(DISTINCT guid) FROM groups WHERE guid ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';"));
            Assert.Equal(2L, await TestPostgres.ScalarAsync(database, "SELECT count(DISTINCT guid) FROM contacts WHERE guid ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';"));
            Assert.Equal(2L, await TestPostgres.ScalarAsync(database, "SELECT count(DISTINCT security_stamp) FROM accounts WHERE length(security_stamp) = 16;"));

            // New rows continue after the ones the old server wrote.
            Assert.True((await store.Accounts.CreateAsync("carol@example.com", "pw")).Succeeded);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_newer_schema_than_this_build_knows_is_refused_in_one_line()
    {
        await using var temp = await TempStore.CreateAsync(StoreBackend.Postgres);
        await temp.RawScalarAsync($"UPDATE schema_version SET version = {PostgresMigrations.LatestVersion + 1};");

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => temp.OpenAnotherAsync());
        Assert.Contains("newer", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_refused_without_echoing_the_password()
    {
        var options = new StorageOptions { DataDirectory = Path.GetTempPath(), Postgres = "Host=127.0.0.1;Password=hunter2-secret;Frobnicate=yes" };

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MsnpStore.OpenAsync(options));

        Assert.StartsWith("The PostgreSQL connection string is not valid", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_one_line_naming_it_without_the_password()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var options = new StorageOptions { DataDirectory = directory, Postgres = $"Host=127.0.0.1;Port={port};Username=msnp;Password=hunter2-secret;Database=msnp" };

            var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MsnpStore.OpenAsync(options));

            Assert.StartsWith($"Cannot use PostgreSQL msnp@127.0.0.1:{port}/msnp: ", error.Message);
            Assert.DoesNotContain("hunter2", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_one_line()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var wrong = new NpgsqlConnectionStringBuilder(database) { Password = "not-the-password" }.ConnectionString;
            var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MsnpStore.OpenAsync(new StorageOptions { DataDirectory = directory, Postgres = wrong }));

            Assert.Contains("password authentication failed", error.Message);
            Assert.DoesNotContain("not-the-password", error.Message);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Every_commit_waits_for_the_WAL_flush_whatever_the_servers_default()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var directory = Path.Combine(Path.GetTempPath(), "msnp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // A database whose default would acknowledge commits before they are on disk.
            await TestPostgres.ScalarAsync(database, $"ALTER DATABASE {new NpgsqlConnectionStringBuilder(database).Database} SET synchronous_commit = off;");
            using var store = await MsnpStore.OpenAsync(new StorageOptions { DataDirectory = directory, Postgres = database, PasswordIterations = StorageOptions.MinimumPasswordIterations });
            var postgres = Assert.IsType<PostgresStore>(store);
            await using var session = await postgres.Database.WriteAsync(CancellationToken.None);

            Assert.Equal("on", await session.ScalarAsync("SHOW synchronous_commit;", CancellationToken.None));
            Assert.Equal("off", await TestPostgres.ScalarAsync(database, "SHOW synchronous_commit;"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_writer_waits_for_the_writer_lock_no_longer_than_the_busy_timeout()
    {
        await using var temp = await TempStore.CreateAsync(StoreBackend.Postgres);
        await temp.CreateUsersAsync("alice");
        var other = (PostgresStore)await temp.OpenAnotherAsync(o => o.BusyTimeout = TimeSpan.FromMilliseconds(200));

        // Another process holds the writer lock (an open write transaction).
        await using var holder = await ((PostgresStore)temp.Store).Database.WriteAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<StorageFaultException>(() => other.Contacts.SetBlpAsync(Email("alice"), DefaultPrivacy.Block));
        Assert.Contains("55P03", error.Message); // lock_not_available
        await holder.DisposeAsync();
        Assert.True((await other.Contacts.SetBlpAsync(Email("alice"), DefaultPrivacy.Block)).Succeeded);
    }
}
