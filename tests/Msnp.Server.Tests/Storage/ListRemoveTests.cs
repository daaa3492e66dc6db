using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class ListRemoveTests(StoreBackend backend)
{
    public sealed class OnSqlite() : ListRemoveTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : ListRemoveTests(StoreBackend.Postgres);

    [Fact]
    public async Task Removing_from_FL_bumps_both_versions_and_takes_the_owner_off_the_contacts_RL()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "b"); // alice 1, bob 1

        var result = await temp.Contacts.RemoveAsync(Email("alice"), ListKind.Forward, Email("bob"));

        Assert.True(result.Succeeded);
        Assert.Equal(2u, result.Version);
        Assert.Equal(new ReverseListChange(Email("bob"), 2u, ReverseListChangeKind.Removed), Assert.Single(result.ReverseListChanges));
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(Email("bob")))!.Contacts);
        Assert.Empty(await temp.Contacts.GetReverseListAsync(Email("bob")));
    }

    [Fact]
    public async Task Removing_from_FL_without_a_group_leaves_every_group_but_keeps_other_lists()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var alice = Email("alice");
        var group = (await temp.Contacts.AddGroupAsync(alice, "Work")).GroupId!.Value;
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b", 0);
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b", group);
        await temp.Contacts.AddAsync(alice, ListKind.Allow, Email("bob"), "b");

        var result = await temp.Contacts.RemoveAsync(alice, ListKind.Forward, Email("bob"));

        Assert.True(result.Succeeded);
        var entry = Assert.Single((await temp.Contacts.GetSnapshotAsync(alice))!.Contacts);
        Assert.Equal(ListKind.Allow, entry.Lists);
        Assert.Empty(entry.GroupIds);
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(Email("bob")))!.Contacts);
    }

    [Fact]
    public async Task Removing_from_one_of_two_groups_keeps_the_contact_on_FL()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var alice = Email("alice");
        var group = (await temp.Contacts.AddGroupAsync(alice, "Work")).GroupId!.Value;   // 1
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b", 0);   // 2, bob 1
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b", group); // 3

        var result = await temp.Contacts.RemoveAsync(alice, ListKind.Forward, Email("bob"), 0);

        Assert.Equal(4u, result.Version);
        Assert.Empty(result.ReverseListChanges);
        var entry = Assert.Single((await temp.Contacts.GetSnapshotAsync(alice))!.Contacts);
        Assert.Equal(ListKind.Forward, entry.Lists);
        Assert.Equal([group], entry.GroupIds);
        Assert.Equal(1u, await temp.VersionOf("bob"));
    }

    [Fact]
    public async Task Removing_from_the_last_group_leaves_FL()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "b", 0);

        var result = await temp.Contacts.RemoveAsync(Email("alice"), ListKind.Forward, Email("bob"), 0);

        Assert.Equal(2u, result.Version);
        Assert.Equal(ReverseListChangeKind.Removed, Assert.Single(result.ReverseListChanges).Kind);
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
        Assert.Equal(2u, await temp.VersionOf("bob"));
    }

    [Theory]
    [InlineData(ListKind.Forward)]
    [InlineData(ListKind.Allow)]
    [InlineData(ListKind.Block)]
    public async Task Removing_someone_not_on_the_list_is_216(ListKind list)
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol");
        // On another list, which must not count.
        var other = list == ListKind.Forward ? ListKind.Allow : ListKind.Forward;
        await temp.Contacts.AddAsync(Email("alice"), other, Email("bob"), "b");

        Assert.Equal(MsnpErrorCode.PrincipalNotOnList, (await temp.Contacts.RemoveAsync(Email("alice"), list, Email("bob"))).Error);
        Assert.Equal(MsnpErrorCode.PrincipalNotOnList, (await temp.Contacts.RemoveAsync(Email("alice"), list, Email("carol"))).Error);
        Assert.Equal(MsnpErrorCode.PrincipalNotOnList, (await temp.Contacts.RemoveAsync(Email("alice"), list, "ghost@example.com")).Error);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task A_malformed_address_is_201()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.InvalidParameter, (await temp.Contacts.RemoveAsync(Email("alice"), ListKind.Allow, "a@b")).Error);
    }

    [Fact]
    public async Task An_unknown_group_is_224()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "b");

        var result = await temp.Contacts.RemoveAsync(Email("alice"), ListKind.Forward, Email("bob"), 9);

        Assert.Equal(MsnpErrorCode.InvalidGroup, result.Error);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task A_group_the_contact_is_not_in_is_225()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var group = (await temp.Contacts.AddGroupAsync(Email("alice"), "Work")).GroupId!.Value;
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "b", 0);

        var result = await temp.Contacts.RemoveAsync(Email("alice"), ListKind.Forward, Email("bob"), group);

        Assert.Equal(MsnpErrorCode.PrincipalNotInGroup, result.Error);
        Assert.Equal(2u, await temp.VersionOf("alice"));
        Assert.Equal([0], Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts).GroupIds);
    }

    [Fact]
    public async Task Removing_from_AL_does_not_touch_the_contact()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Allow, Email("bob"), "b");

        var result = await temp.Contacts.RemoveAsync(Email("alice"), ListKind.Allow, Email("bob"));

        Assert.Equal(2u, result.Version);
        Assert.Empty(result.ReverseListChanges);
        Assert.Equal(0u, await temp.VersionOf("bob"));
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts);
    }

    [Fact]
    public async Task The_RL_cannot_be_edited()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("bob"), ListKind.Forward, Email("alice"), "a");

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.RemoveAsync(Email("alice"), ListKind.Reverse, Email("bob")));
        Assert.Equal(ListKind.Reverse, Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts).Lists);
    }
}
