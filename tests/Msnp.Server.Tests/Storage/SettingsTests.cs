using Msnp.Protocol.Errors;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

public sealed class SettingsTests
{
    [Fact]
    public async Task A_new_account_starts_at_version_0_with_GTC_A_and_BLP_AL()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");

        var snapshot = (await temp.Contacts.GetSnapshotAsync(Email("alice")))!;

        Assert.Equal(0u, snapshot.Version);
        Assert.Equal(GtcMode.A, snapshot.Gtc);
        Assert.Equal(BlpMode.AL, snapshot.Blp);
        Assert.Empty(snapshot.Phones);
        Assert.Empty(snapshot.Contacts);
    }

    [Fact]
    public async Task GTC_changes_once_then_answers_218_for_the_same_value()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetGtcAsync(Email("alice"), GtcMode.A)).Error);
        Assert.Equal(1u, (await temp.Contacts.SetGtcAsync(Email("alice"), GtcMode.N)).Version);
        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetGtcAsync(Email("alice"), GtcMode.N)).Error);
        Assert.Equal(2u, (await temp.Contacts.SetGtcAsync(Email("alice"), GtcMode.A)).Version);
        Assert.Equal(GtcMode.A, (await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Gtc);
    }

    [Fact]
    public async Task BLP_changes_once_then_answers_218_for_the_same_value()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetBlpAsync(Email("alice"), BlpMode.AL)).Error);
        Assert.Equal(1u, (await temp.Contacts.SetBlpAsync(Email("alice"), BlpMode.BL)).Version);
        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetBlpAsync(Email("alice"), BlpMode.BL)).Error);
        Assert.Equal(BlpMode.BL, (await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Blp);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Phones_are_set_replaced_and_cleared_each_bumping_the_version()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");
        var alice = Email("alice");

        Assert.Equal(1u, (await temp.Contacts.SetPhoneAsync(alice, PhoneType.PHW, "555%201234")).Version);
        Assert.Equal(2u, (await temp.Contacts.SetPhoneAsync(alice, PhoneType.PHH, "555")).Version);
        Assert.Equal(3u, (await temp.Contacts.SetPhoneAsync(alice, PhoneType.MBE, "Y")).Version);
        Assert.Equal(4u, (await temp.Contacts.SetPhoneAsync(alice, PhoneType.PHH, "556")).Version);
        Assert.Equal(
            [new PhoneEntry(PhoneType.PHH, "556"), new PhoneEntry(PhoneType.PHW, "555%201234"), new PhoneEntry(PhoneType.MBE, "Y")],
            (await temp.Contacts.GetSnapshotAsync(alice))!.Phones);

        Assert.Equal(5u, (await temp.Contacts.SetPhoneAsync(alice, PhoneType.PHW, "")).Version);
        Assert.Equal(6u, (await temp.Contacts.SetPhoneAsync(alice, PhoneType.MBE, null)).Version);
        Assert.Equal([new PhoneEntry(PhoneType.PHH, "556")], (await temp.Contacts.GetSnapshotAsync(alice))!.Phones);

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.SetPhoneAsync(alice, PhoneType.PHH, new string('1', 96)));
        Assert.Equal(6u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Own_friendly_name_is_stored_on_the_account_and_bumps_the_version()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("bob"), ContactLists.Forward, Email("alice"), Email("alice")); // bob 1, alice 1 (RL)

        var result = await temp.Contacts.SetFriendlyNameAsync(Email("alice"), "Alice%20W.");

        Assert.Equal(2u, result.Version);
        Assert.Equal("Alice%20W.", (await temp.Accounts.FindAsync(Email("alice")))!.FriendlyName);
        Assert.Equal(1u, await temp.VersionOf("bob"));
    }

    [Fact]
    public async Task A_contacts_nickname_changes_only_while_on_a_list()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice", "bob", "carol");
        await temp.Contacts.AddAsync(Email("alice"), ContactLists.Forward, Email("bob"), "Bob"); // 1

        var renamed = await temp.Contacts.SetNicknameAsync(Email("alice"), Email("BOB"), "Robert");

        Assert.Equal(2u, renamed.Version);
        Assert.Equal("Robert", Assert.Single((await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Contacts).Name);
        Assert.Equal(1u, await temp.VersionOf("bob"));
        Assert.Equal(MsnpErrorCode.PrincipalNotOnList, (await temp.Contacts.SetNicknameAsync(Email("alice"), Email("carol"), "C")).Error);
        Assert.Equal(MsnpErrorCode.PrincipalNotOnList, (await temp.Contacts.SetNicknameAsync(Email("alice"), "ghost@example.com", "G")).Error);
        Assert.Equal(MsnpErrorCode.InvalidParameter, (await temp.Contacts.SetNicknameAsync(Email("alice"), "a@b", "G")).Error);
        Assert.Equal(2u, await temp.VersionOf("alice"));
    }
}
