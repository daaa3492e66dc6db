using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class ListAddTests(StoreBackend backend)
{
    public sealed class OnSqlite() : ListAddTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : ListAddTests(StoreBackend.Postgres);

    [Fact]
    public async Task Adding_to_FL_bumps_both_versions_and_puts_the_owner_on_the_contacts_RL()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");

        var result = await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("Bob"), "Bobby");

        Assert.True(result.Succeeded);
        Assert.Equal(1u, result.Version);
        var reverse = Assert.Single(result.ReverseListChanges);
        Assert.Equal(new ReverseListChange(Email("bob"), 1u, ReverseListChangeKind.Added), reverse);
        Assert.Equal(1u, await temp.VersionOf("alice"));
        Assert.Equal(1u, await temp.VersionOf("bob"));

        var aliceEntry = Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
        Assert.Equal(Email("bob"), aliceEntry.Account);
        Assert.Equal("Bobby", aliceEntry.Name);
        Assert.Equal(ListKind.Forward, aliceEntry.Lists);
        Assert.Equal([0], aliceEntry.GroupIds);

        var bobEntry = Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("bob")))!.Contacts);
        Assert.Equal(Email("alice"), bobEntry.Account);
        Assert.Equal(Email("alice"), bobEntry.Name); // no nickname stored: the friendly name
        Assert.Equal(ListKind.Reverse, bobEntry.Lists);
        Assert.Empty(bobEntry.GroupIds);
        Assert.Equal([Email("alice")], await temp.Contacts.GetReverseListAsync(Email("bob")));
    }

    [Fact]
    public async Task Each_change_adds_exactly_one_to_the_owners_version()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol");
        var alice = Email("alice");

        Assert.Equal(1u, (await temp.Contacts.AddAsync(alice, ListKind.Allow, Email("bob"), "b")).Version);
        Assert.Equal(2u, (await temp.Contacts.AddAsync(alice, ListKind.Block, Email("carol"), "c")).Version);
        Assert.Equal(3u, (await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b")).Version);
        Assert.Equal(4u, (await temp.Contacts.RemoveAsync(alice, ListKind.Allow, Email("bob"))).Version);

        // A failed change leaves the version alone.
        Assert.False((await temp.Contacts.AddAsync(alice, ListKind.Block, Email("carol"), "c")).Succeeded);
        Assert.Equal(4u, await temp.VersionOf("alice"));
        Assert.Equal(1u, await temp.VersionOf("bob"));
        Assert.Equal(0u, await temp.VersionOf("carol"));
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("no-at-sign")]
    [InlineData("@@a")]
    public async Task A_malformed_address_is_201(string contact)
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        var result = await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, contact, "x");

        Assert.Equal(MsnpErrorCode.InvalidParameter, result.Error);
        Assert.Equal(0u, await temp.VersionOf("alice"));
    }

    [Theory]
    [InlineData(ListKind.Forward)]
    [InlineData(ListKind.Allow)]
    [InlineData(ListKind.Block)]
    public async Task An_unknown_account_is_205(ListKind list)
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        var result = await temp.Contacts.AddAsync(Email("alice"), list, "ghost@example.com", "x");

        Assert.Equal(MsnpErrorCode.InvalidPrincipal, result.Error);
        Assert.Equal(0u, await temp.VersionOf("alice"));
    }

    [Theory]
    [InlineData(ListKind.Forward)]
    [InlineData(ListKind.Allow)]
    [InlineData(ListKind.Block)]
    public async Task Adding_someone_already_on_the_list_is_215(ListKind list)
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), list, Email("bob"), "b");

        var result = await temp.Contacts.AddAsync(Email("alice"), list, Email("BOB"), "b");

        Assert.Equal(MsnpErrorCode.PrincipalAlreadyOnList, result.Error);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Theory]
    [InlineData(ListKind.Allow, ListKind.Block)]
    [InlineData(ListKind.Block, ListKind.Allow)]
    public async Task Adding_to_AL_someone_on_BL_and_back_is_219(ListKind first, ListKind second)
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), first, Email("bob"), "b");

        var result = await temp.Contacts.AddAsync(Email("alice"), second, Email("bob"), "b");

        Assert.Equal(MsnpErrorCode.PrincipalIsInTheOppositeList, result.Error);
        var entry = Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
        Assert.Equal(first, entry.Lists);
    }

    [Theory]
    [InlineData(ListKind.Forward)]
    [InlineData(ListKind.Allow)]
    [InlineData(ListKind.Block)]
    public async Task A_full_list_is_210(ListKind list)
    {
        await using var temp = await TempStore.CreateAsync(backend, o =>
        {
            o.ForwardListLimit = 2;
            o.AllowListLimit = 2;
            o.BlockListLimit = 2;
        });
        await temp.CreateUsersAsync("alice", "b1", "b2", "b3");
        Assert.True((await temp.Contacts.AddAsync(Email("alice"), list, Email("b1"), "x")).Succeeded);
        Assert.True((await temp.Contacts.AddAsync(Email("alice"), list, Email("b2"), "x")).Succeeded);

        var result = await temp.Contacts.AddAsync(Email("alice"), list, Email("b3"), "x");

        Assert.Equal(MsnpErrorCode.PrincipalListFull, result.Error);
        Assert.Equal(2u, await temp.VersionOf("alice"));
        Assert.Equal(0u, await temp.VersionOf("b3"));
    }

    [Fact]
    public async Task The_limits_are_per_list()
    {
        await using var temp = await TempStore.CreateAsync(backend, o => o.ForwardListLimit = 1);
        await temp.CreateUsersAsync("alice", "bob", "carol");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "x");

        Assert.True((await temp.Contacts.AddAsync(Email("alice"), ListKind.Allow, Email("carol"), "x")).Succeeded);
        Assert.True((await temp.Contacts.AddAsync(Email("alice"), ListKind.Allow, Email("bob"), "x")).Succeeded);
        Assert.Equal(MsnpErrorCode.PrincipalListFull, (await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("carol"), "x")).Error);
    }

    [Fact]
    public async Task An_unknown_group_is_224()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");

        var result = await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "b", groupId: 7);

        Assert.Equal(MsnpErrorCode.InvalidGroup, result.Error);
        Assert.Equal(0u, await temp.VersionOf("bob"));
    }

    [Fact]
    public async Task Adding_an_FL_contact_to_another_group_is_allowed_once_per_group()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var alice = Email("alice");
        var group = (await temp.Contacts.AddGroupAsync(alice, "Friends")).GroupId!.Value; // version 1
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "Bob", 0); // version 2, bob 1

        var second = await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "Bob", group);

        Assert.True(second.Succeeded);
        Assert.Equal(3u, second.Version);
        Assert.Empty(second.ReverseListChanges);
        Assert.Equal(1u, await temp.VersionOf("bob"));
        Assert.Equal([0, group], Assert.Single((await temp.Contacts.GetSnapshotAsync(alice))!.Contacts).GroupIds);

        Assert.Equal(MsnpErrorCode.PrincipalAlreadyOnList, (await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "Bob", group)).Error);
        Assert.Equal(MsnpErrorCode.PrincipalAlreadyOnList, (await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "Bob")).Error);
        Assert.Equal(3u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task An_AL_add_keeps_the_FL_nickname()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "My%20Bob");

        await temp.Contacts.AddAsync(Email("alice"), ListKind.Allow, Email("bob"), "bob@example.com");

        var entry = Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
        Assert.Equal("My%20Bob", entry.Name);
        Assert.Equal(ListKind.Forward | ListKind.Allow, entry.Lists);
    }

    [Fact]
    public async Task Adding_oneself_counts_the_FL_and_the_RL_change()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        var result = await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("alice"), "me");

        Assert.Equal(1u, result.Version);
        Assert.Equal(2u, Assert.Single(result.ReverseListChanges).Version);
        var entry = Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
        Assert.Equal(ListKind.Forward | ListKind.Reverse, entry.Lists);
    }

    [Fact]
    public async Task The_RL_and_unknown_owners_are_refused_outright()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.AddAsync(Email("alice"), ListKind.Reverse, Email("bob"), "b"));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.AddAsync(Email("alice"), ListKind.Forward | ListKind.Allow, Email("bob"), "b"));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "two words"));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), new string('a', 388)));
        await Assert.ThrowsAsync<AccountRemovedException>(() => temp.Contacts.AddAsync("ghost@example.com", ListKind.Forward, Email("bob"), "b"));
        Assert.Equal(0u, await temp.VersionOf("alice"));
    }
}
