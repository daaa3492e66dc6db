using Msnp.Client.Contacts;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Tests;

public sealed class ContactListCacheTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public async Task A_current_cache_is_used_and_a_stale_one_replaced(int version)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await Accounts.CreateAsync(server, "carol@example.com", "Carol");
        var cache = new InMemoryContactListCache();
        await using var alice = new MsnpClient(Accounts.Options(server, "alice@example.com", Accounts.Version(version)) with { ContactListCache = cache });
        await alice.SignInAsync();
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bobby");

        var first = await alice.SyncAsync();
        Assert.False(first.IsUnchanged);
        Assert.Equal(first.Version, (await cache.LoadAsync("alice@example.com"))?.Version);

        // The same version again: the server sends nothing, the cached contents come back.
        var second = await alice.SyncAsync();
        Assert.True(second.IsUnchanged);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal("Bobby", second.Find("bob@example.com")?.Nickname);

        var newer = await alice.AddContactAsync(ListKind.Forward, "carol@example.com");
        var third = await alice.SyncAsync();
        Assert.False(third.IsUnchanged);
        Assert.Equal(newer, third.Version);
        Assert.NotNull(third.Find("carol@example.com"));
        var stored = await cache.LoadAsync("alice@example.com");
        Assert.Equal(newer, stored?.Version);
        Assert.NotNull(stored?.Find("carol@example.com"));
    }

    [Fact]
    public async Task The_json_file_cache_survives_a_new_client_and_ignores_a_corrupt_file()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob%20Smith");
        var directory = Path.Combine(server.DataDirectory, "client-cache");
        var options = Accounts.Options(server, "alice@example.com") with { ContactListCache = new JsonFileContactListCache(directory) };

        int version;
        await using (var first = new MsnpClient(options))
        {
            await first.SignInAsync();
            await first.AddContactAsync(ListKind.Forward, "bob@example.com", "Bob Smith ☕", groupId: 0);
            version = await first.AddContactAsync(ListKind.Allow, "bob@example.com");
            Assert.False((await first.SyncAsync()).IsUnchanged);
        }

        await using (var second = new MsnpClient(options with { ContactListCache = new JsonFileContactListCache(directory) }))
        {
            await second.SignInAsync();
            var list = await second.SyncAsync();
            Assert.True(list.IsUnchanged);
            Assert.Equal(version, list.Version);
            var bob = list.Find("bob@example.com");
            Assert.Equal(("Bob Smith ☕", ListKind.Forward | ListKind.Allow), (bob?.Nickname, bob?.Lists));
            Assert.Equal([0], bob?.Groups);
            Assert.NotNull(list.DefaultPrivacy);
        }

        var file = new JsonFileContactListCache(directory).PathFor("alice@example.com");
        await File.WriteAllTextAsync(file, "{ not json");
        await using var third = new MsnpClient(options);
        await third.SignInAsync();
        var fresh = await third.SyncAsync();
        Assert.False(fresh.IsUnchanged);
        Assert.NotNull(fresh.Find("bob@example.com"));
        Assert.Equal(version, (await new JsonFileContactListCache(directory).LoadAsync("alice@example.com"))?.Version);
    }

    [Fact]
    public void Account_names_become_single_file_names()
    {
        var cache = new JsonFileContactListCache("/tmp/cache");

        Assert.Equal("/tmp/cache", Path.GetDirectoryName(cache.PathFor("../../etc/passwd")));
        Assert.Equal(cache.PathFor("Alice@Example.com"), cache.PathFor("alice@example.com"));
    }
}
