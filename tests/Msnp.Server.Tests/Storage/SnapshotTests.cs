using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class SnapshotTests(StoreBackend backend)
{
    public sealed class OnSqlite() : SnapshotTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : SnapshotTests(StoreBackend.Postgres);

    [Fact]
    public async Task The_snapshot_holds_lists_groups_nicknames_and_public_phones()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol", "dave");
        var alice = Email("alice");
        await temp.Contacts.SetPhoneAsync(Email("bob"), PhoneKind.Mobile, "0700");
        await temp.Contacts.SetPhoneAsync(Email("bob"), PhoneKind.MobilePaging, "Y");
        await temp.Contacts.SetPhoneAsync(Email("bob"), PhoneKind.MobileDevice, "Y"); // private: never a BPR
        await temp.Contacts.SetPhoneAsync(alice, PhoneKind.Home, "123");
        var work = (await temp.Contacts.AddGroupAsync(alice, "Work")).GroupId!.Value;
        await temp.Contacts.AddAsync(alice, ListKind.Forward, Email("bob"), "Bobby", work);
        await temp.Contacts.AddAsync(alice, ListKind.Allow, Email("bob"), "bob");
        await temp.Contacts.AddAsync(alice, ListKind.Block, Email("carol"), "carol");
        await temp.Contacts.AddAsync(Email("dave"), ListKind.Forward, alice, "Al");

        var snapshot = (await temp.Contacts.GetSnapshotAsync("ALICE@example.com"))!;

        Assert.Equal(await temp.VersionOf("alice"), snapshot.Version);
        Assert.Equal([new PhoneSetting(PhoneKind.Home, "123")], snapshot.Phones);
        Assert.Equal([0, work], snapshot.Groups.Select(g => g.Id));
        Assert.Equal([Email("bob"), Email("carol"), Email("dave")], snapshot.Contacts.Select(c => c.Account));

        var bob = snapshot.Contacts[0];
        Assert.Equal("Bobby", bob.Name);
        Assert.Equal(ListKind.Forward | ListKind.Allow, bob.Lists);
        Assert.Equal([work], bob.GroupIds);
        Assert.Equal([new PhoneSetting(PhoneKind.Mobile, "0700"), new PhoneSetting(PhoneKind.MobilePaging, "Y")], bob.Phones);

        Assert.Equal(ListKind.Block, snapshot.Contacts[1].Lists);
        Assert.Equal(ListKind.Reverse, snapshot.Contacts[2].Lists);
        Assert.Equal(Email("dave"), snapshot.Contacts[2].Name);
    }

    [Fact]
    public async Task Unknown_accounts_have_no_snapshot_and_no_version()
    {
        await using var temp = await TempStore.CreateAsync(backend);

        Assert.Null(await temp.Contacts.GetSnapshotAsync("ghost@example.com"));
        Assert.Null(await temp.Contacts.GetListVersionAsync("ghost@example.com"));
        Assert.Empty(await temp.Contacts.GetReverseListAsync("ghost@example.com"));
    }

    [Fact]
    public async Task The_reverse_list_is_everyone_with_the_account_on_their_FL()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol", "dave");
        await temp.Contacts.AddAsync(Email("carol"), ListKind.Forward, Email("alice"), "a");
        await temp.Contacts.AddAsync(Email("bob"), ListKind.Forward, Email("alice"), "a");
        await temp.Contacts.AddAsync(Email("dave"), ListKind.Allow, Email("alice"), "a");

        Assert.Equal([Email("bob"), Email("carol")], await temp.Contacts.GetReverseListAsync(Email("Alice")));
    }
}
