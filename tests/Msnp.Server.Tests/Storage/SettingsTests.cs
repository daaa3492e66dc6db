using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class SettingsTests(StoreBackend backend)
{
    public sealed class OnSqlite() : SettingsTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : SettingsTests(StoreBackend.Postgres);

    [Fact]
    public async Task A_new_account_starts_at_version_0_with_GTC_A_and_BLP_AL()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        var snapshot = (await temp.Contacts.GetSnapshotAsync(Email("alice")))!;

        Assert.Equal(0u, snapshot.Version);
        Assert.Equal(ReverseListPrompt.Ask, snapshot.Privacy.Prompt);
        Assert.Equal(DefaultPrivacy.Allow, snapshot.Privacy.Default);
        Assert.Empty(snapshot.Phones);
        Assert.Empty(snapshot.Contacts);
    }

    [Fact]
    public async Task GTC_changes_once_then_answers_218_for_the_same_value()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetGtcAsync(Email("alice"), ReverseListPrompt.Ask)).Error);
        Assert.Equal(1u, (await temp.Contacts.SetGtcAsync(Email("alice"), ReverseListPrompt.DoNotAsk)).Version);
        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetGtcAsync(Email("alice"), ReverseListPrompt.DoNotAsk)).Error);
        Assert.Equal(2u, (await temp.Contacts.SetGtcAsync(Email("alice"), ReverseListPrompt.Ask)).Version);
        Assert.Equal(ReverseListPrompt.Ask, (await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Privacy.Prompt);
    }

    [Fact]
    public async Task BLP_changes_once_then_answers_218_for_the_same_value()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");

        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetBlpAsync(Email("alice"), DefaultPrivacy.Allow)).Error);
        Assert.Equal(1u, (await temp.Contacts.SetBlpAsync(Email("alice"), DefaultPrivacy.Block)).Version);
        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await temp.Contacts.SetBlpAsync(Email("alice"), DefaultPrivacy.Block)).Error);
        Assert.Equal(DefaultPrivacy.Block, (await temp.Contacts.GetSnapshotAsync(Email("alice")))!.Privacy.Default);
        Assert.Equal(1u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Phones_are_set_replaced_and_cleared_each_bumping_the_version()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        var alice = Email("alice");

        Assert.Equal(1u, (await temp.Contacts.SetPhoneAsync(alice, PhoneKind.Work, "555%201234")).Version);
        Assert.Equal(2u, (await temp.Contacts.SetPhoneAsync(alice, PhoneKind.Home, "555")).Version);
        Assert.Equal(3u, (await temp.Contacts.SetPhoneAsync(alice, PhoneKind.MobileDevice, "Y")).Version);
        Assert.Equal(4u, (await temp.Contacts.SetPhoneAsync(alice, PhoneKind.Home, "556")).Version);
        Assert.Equal(
            [new PhoneSetting(PhoneKind.Home, "556"), new PhoneSetting(PhoneKind.Work, "555%201234"), new PhoneSetting(PhoneKind.MobileDevice, "Y")],
            (await temp.Contacts.GetSnapshotAsync(alice))!.Phones);

        Assert.Equal(5u, (await temp.Contacts.SetPhoneAsync(alice, PhoneKind.Work, "")).Version);
        Assert.Equal(6u, (await temp.Contacts.SetPhoneAsync(alice, PhoneKind.MobileDevice, null)).Version);
        Assert.Equal([new PhoneSetting(PhoneKind.Home, "556")], (await temp.Contacts.GetSnapshotAsync(alice))!.Phones);

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Contacts.SetPhoneAsync(alice, PhoneKind.Home, new string('1', 96)));
        Assert.Equal(6u, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Own_friendly_name_is_stored_on_the_account_and_bumps_the_version()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Contacts.AddAsync(Email("bob"), ListKind.Forward, Email("alice"), Email("alice")); // bob 1, alice 1 (RL)

        var result = await temp.Contacts.SetFriendlyNameAsync(Email("alice"), "Alice%20W.");

        Assert.Equal(2u, result.Version);
        Assert.Equal("Alice%20W.", (await temp.Accounts.FindAsync(Email("alice")))!.FriendlyName);
        Assert.Equal(1u, await temp.VersionOf("bob"));
    }

    [Fact]
    public async Task A_contacts_nickname_changes_only_while_on_a_list()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol");
        await temp.Contacts.AddAsync(Email("alice"), ListKind.Forward, Email("bob"), "Bob"); // 1

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
