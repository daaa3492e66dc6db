using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class GroupTests(StoreBackend backend)
{
    public sealed class OnSqlite() : GroupTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : GroupTests(StoreBackend.Postgres);

    [Fact]
    public async Task A_new_account_has_group_zero_only()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        var snapshot = await temp.Contacts.GetSnapshotAsync(Email("alice"));

        Assert.Equal([new GroupEntry(0, "Other%20Contacts") { Guid = snapshot!.Groups[0].Guid }], snapshot.Groups);
        Assert.NotEqual(Guid.Empty, snapshot.Groups[0].Guid);
    }

    [Fact]
    public async Task New_groups_take_the_smallest_free_id_and_bump_the_version()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        var alice = Email("alice");

        var first = await temp.Contacts.AddGroupAsync(alice, "Friends");
        var second = await temp.Contacts.AddGroupAsync(alice, "Work");
        await temp.Contacts.RemoveGroupAsync(alice, first.GroupId!.Value);
        var third = await temp.Contacts.AddGroupAsync(alice, "Family");

        Assert.Equal((1, 1u), (first.GroupId!.Value, first.Version));
        Assert.Equal((2, 2u), (second.GroupId!.Value, second.Version));
        Assert.Equal((1, 4u), (third.GroupId!.Value, third.Version));
        var groups = (await temp.Contacts.GetSnapshotAsync(alice))!.Groups;
        Assert.Equal([(0, "Other%20Contacts"), (1, "Family"), (2, "Work")], groups.Select(g => (g.Id, g.Name)));

        // Each group has its own GUID, the one its ADG reported; a reused id gets a new GUID.
        Assert.Equal([second.GroupGuid!.Value, third.GroupGuid!.Value], [groups[2].Guid, groups[1].Guid]);
        Assert.NotEqual(first.GroupGuid, third.GroupGuid);
        Assert.Equal(3, groups.Select(g => g.Guid).Distinct().Count());
    }

    [Fact]
    public async Task More_than_thirty_groups_including_group_zero_is_223()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        for (int i = 1; i < 30; i++)
        {
            Assert.True((await temp.Contacts.AddGroupAsync(Email("alice"), "g" + i)).Succeeded);
        }

        var result = await temp.Contacts.AddGroupAsync(Email("alice"), "one-too-many");

        Assert.Equal(MsnpErrorCode.TooManyGroups, result.Error);
        Assert.Equal(29u, await temp.VersionOf("alice"));
        Assert.Equal(30, (await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Groups.Count);
    }

    [Fact]
    public async Task A_name_over_61_encoded_bytes_is_229()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        var alice = Email("alice");
        var longest = new string('n', 61);
        var tooLong = string.Concat(Enumerable.Repeat("%20", 20)) + "xx"; // 62 bytes

        Assert.True((await temp.Contacts.AddGroupAsync(alice, longest)).Succeeded);
        Assert.Equal(MsnpErrorCode.GroupNameTooLong, (await temp.Contacts.AddGroupAsync(alice, tooLong)).Error);
        Assert.Equal(MsnpErrorCode.GroupNameTooLong, (await temp.Contacts.RenameGroupAsync(alice, 1, tooLong)).Error);
        Assert.Equal(longest, (await temp.Contacts.GetSnapshotAsync(alice))!.Groups[1].Name);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task A_name_with_an_escaped_line_separator_or_bidi_override_is_209_and_not_stored()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        var alice = Email("alice");

        Assert.Equal(MsnpErrorCode.NicknameChangeIllegal, (await temp.Contacts.AddGroupAsync(alice, "%E2%80%AEgnp.exe")).Error);
        Assert.True((await temp.Contacts.AddGroupAsync(alice, "Work")).Succeeded);
        Assert.Equal(MsnpErrorCode.NicknameChangeIllegal, (await temp.Contacts.RenameGroupAsync(alice, 1, "Work%E2%80%A8OUT")).Error);
        Assert.Equal("Work", (await temp.Contacts.GetSnapshotAsync(alice))!.Groups[1].Name);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Removing_or_renaming_an_unknown_group_is_224()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.InvalidGroup, (await temp.Contacts.RemoveGroupAsync(Email("alice"), 5)).Error);
        Assert.Equal(MsnpErrorCode.InvalidGroup, (await temp.Contacts.RenameGroupAsync(Email("alice"), 5, "x")).Error);
        Assert.Equal(0u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Removing_group_zero_is_230()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.CannotRemoveGroupZero, (await temp.Contacts.RemoveGroupAsync(Email("alice"), 0)).Error);
        Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Groups);
    }

    [Fact]
    public async Task Renaming_changes_the_name_and_bumps_the_version()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        var result = await temp.Contacts.RenameGroupAsync(Email("alice"), 0, "Everyone");

        Assert.Equal(1u, result.Version);
        Assert.Equal("Everyone", (await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Groups[0].Name);
    }

    [Fact]
    public async Task Removing_a_group_removes_from_FL_only_the_contacts_that_were_only_in_it()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol", "dave");
        var alice = Email("alice");
        var work = (await temp.Contacts.AddGroupAsync(alice, "Work")).GroupId!.Value;          // alice 1
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "b", work);      // alice 2, bob 1
        await temp.Contacts.AddAsync(alice, ListKind.Allow, Email("bob"), "b");              // alice 3
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("carol"), "c", work);    // alice 4, carol 1
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("carol"), "c", 0);       // alice 5
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("dave"), "d", 0);        // alice 6, dave 1

        var result = await temp.Contacts.RemoveGroupAsync(alice, work);

        Assert.True(result.Succeeded);
        Assert.Equal(7u, result.Version);
        Assert.Equal([new ReverseListChange(Email("bob"), 2u, ReverseListChangeKind.Removed)], result.ReverseListChanges);

        var snapshot = (await temp.Contacts.GetSnapshotAsync(alice))!;
        Assert.Equal([0], snapshot.Groups.Select(g => g.Id));
        var byAccount = snapshot.Contacts.ToDictionary(c => c.Account);
        Assert.Equal(ListKind.Allow, byAccount[Email("bob")].Lists);           // left FL, stays on AL
        Assert.Empty(byAccount[Email("bob")].GroupIds);
        Assert.Equal(ListKind.Forward, byAccount[Email("carol")].Lists);
        Assert.Equal([0], byAccount[Email("carol")].GroupIds);
        Assert.Equal([0], byAccount[Email("dave")].GroupIds);

        Assert.Empty((await temp.Contacts.GetSnapshotAsync(Email("bob")))!.Contacts);
        Assert.Equal(2u, await temp.VersionOf("bob"));
        Assert.Equal(1u, await temp.VersionOf("carol"));
        Assert.Equal([Email("alice")], await temp.Contacts.GetReverseListAsync(Email("carol")));
        Assert.Empty(await temp.Contacts.GetReverseListAsync(Email("bob")));
    }
}
