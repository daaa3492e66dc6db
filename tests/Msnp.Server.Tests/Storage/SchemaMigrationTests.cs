using Microsoft.Data.Sqlite;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Storage;

/// <summary>
/// Migration of a database the schema-1 server wrote: <c>Fixtures/schema1</c> was made by running
/// <c>msnp serve</c> of that version and an MSNP7 client (alice: groups Friends and Work%20Mates, bob in
/// both, carol renamed Caz in group 0, dave blocked, BLP BL, a home phone; bob: alice on FL, group
/// Family, a removed group).
/// </summary>
public sealed class SchemaMigrationTests
{
    private static string CopyFixture()
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-migration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "schema1")))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return directory;
    }

    private static long UserVersion(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_schema_1_database_keeps_its_lists_and_gets_a_distinct_guid_for_every_group_and_contact()
    {
        var directory = CopyFixture();
        Assert.Equal(1, UserVersion(Path.Combine(directory, "msnp.db")));
        try
        {
            await using var server = await TestServer.StartAsync(o => o.DataDirectory = directory);
            var contacts = server.Host.Services.GetService(typeof(IContactStore)) as IContactStore;
            Assert.NotNull(contacts);

            var alice = (await contacts.GetSnapshotAsync("alice@example.com"))!;
            Assert.Equal(11u, alice.Version);
            Assert.Equal(DefaultPrivacy.Block, alice.Privacy.Default);
            Assert.Equal(["Other%20Contacts", "Friends", "Work%20Mates"], alice.Groups.Select(g => g.Name));
            Assert.Equal([0, 1, 2], alice.Groups.Select(g => g.Id));
            Assert.Equal(["bob@example.com", "carol@example.com", "dave@example.com"], alice.Contacts.Select(c => c.Account));
            Assert.Equal([1, 2], alice.Contacts[0].GroupIds);
            Assert.Equal(ListKind.Forward | ListKind.Allow | ListKind.Reverse, alice.Contacts[0].Lists);
            Assert.Equal("Caz", alice.Contacts[1].Name);
            Assert.Equal(ListKind.Block, alice.Contacts[2].Lists);
            Assert.Equal([new PhoneSetting(PhoneKind.Home, "555%201234")], alice.Phones);

            var bob = (await contacts.GetSnapshotAsync("bob@example.com"))!;
            Assert.Equal(["Other%20Contacts", "Family"], bob.Groups.Select(g => g.Name));

            // Schema 4: RL entries on neither AL nor BL were never decided on, so they become pending.
            Assert.All(alice.Contacts, c => Assert.False(c.Pending));
            Assert.True(Assert.Single(bob.Contacts).Pending);
            Assert.True(Assert.Single((await contacts.GetSnapshotAsync("carol@example.com"))!.Contacts).Pending);

            Guid[] groupGuids = [.. alice.Groups.Select(g => g.Guid), .. bob.Groups.Select(g => g.Guid)];
            Guid[] contactGuids = [.. alice.Contacts.Select(c => c.Guid), .. bob.Contacts.Select(c => c.Guid)];
            Assert.DoesNotContain(Guid.Empty, groupGuids);
            Assert.DoesNotContain(Guid.Empty, contactGuids);
            Assert.Equal(groupGuids.Length, groupGuids.Distinct().Count());
            Assert.Equal(contactGuids.Length, contactGuids.Distinct().Count());
            Assert.All(groupGuids.Concat(contactGuids), g => Assert.Equal(4, g.Version));

            // The GUIDs resolve back, and are the owner's own: bob cannot name alice's group.
            Assert.Equal(2, await contacts.FindGroupIdAsync("alice@example.com", alice.Groups[2].Guid));
            Assert.Null(await contacts.FindGroupIdAsync("bob@example.com", alice.Groups[2].Guid));
            Assert.Equal("carol@example.com", await contacts.FindContactAsync("alice@example.com", alice.Contacts[1].Guid));
            Assert.Null(await contacts.FindContactAsync("bob@example.com", alice.Contacts[1].Guid));

            // New rows get GUIDs from the store, next to the migrated ones.
            var added = await contacts.AddGroupAsync("bob@example.com", "New");
            Assert.True(added.Succeeded);
            Assert.NotNull(added.GroupGuid);
            Assert.DoesNotContain(added.GroupGuid.Value, groupGuids);

            // The migrated account still signs in with its MD5 secret and syncs its lists.
            var client = await SignIn.Md5Async(server, "alice@example.com", "pw", "MSNP7");
            await client.SendAsync("SYN 9 0\r\n");
            Assert.Equal("SYN 9 11", await client.ReadLineAsync());
            await client.DisposeAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Opening_a_migrated_database_again_changes_nothing()
    {
        var directory = CopyFixture();
        try
        {
            Guid first;
            await using (var server = await TestServer.StartAsync(o => o.DataDirectory = directory))
            {
                var contacts = (IContactStore)server.Host.Services.GetService(typeof(IContactStore))!;
                first = (await contacts.GetSnapshotAsync("alice@example.com"))!.Groups[1].Guid;
            }

            Assert.Equal(Msnp.Server.Storage.Sqlite.SchemaMigrations.LatestVersion, UserVersion(Path.Combine(directory, "msnp.db")));
            await using (var server = await TestServer.StartAsync(o => o.DataDirectory = directory))
            {
                var contacts = (IContactStore)server.Host.Services.GetService(typeof(IContactStore))!;
                Assert.Equal(first, (await contacts.GetSnapshotAsync("alice@example.com"))!.Groups[1].Guid);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
