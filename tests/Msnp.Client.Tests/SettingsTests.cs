using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Client.Tests;

public sealed class SettingsTests
{
    [Fact]
    public async Task Groups_are_added_renamed_and_removed_and_sync_shows_each_step()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        var start = (await alice.SyncAsync()).Version;

        var group = await alice.AddGroupAsync("Work mates & co");
        Assert.Equal("Work mates & co", group.Name);
        Assert.NotEqual(0, group.Id);
        var list = await alice.SyncAsync();
        Assert.True(list.Version > start);
        Assert.Contains(list.Groups, g => g.Id == group.Id && g.Name == "Work mates & co");

        var renamed = await alice.RenameGroupAsync(group.Id, "Colleagues");
        list = await alice.SyncAsync();
        Assert.Equal(renamed, list.Version);
        Assert.Contains(list.Groups, g => g.Id == group.Id && g.Name == "Colleagues");

        var removed = await alice.RemoveGroupAsync(group.Id);
        Assert.True(removed > renamed);
        list = await alice.SyncAsync();
        Assert.DoesNotContain(list.Groups, g => g.Id == group.Id);
    }

    [Fact]
    public async Task Group_errors_carry_their_codes_and_old_dialects_have_no_groups()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");

        Assert.Equal(MsnpErrorCode.CannotRemoveGroupZero, (await Assert.ThrowsAsync<MsnpException>(() => alice.RemoveGroupAsync(0))).Code);
        Assert.Equal(MsnpErrorCode.InvalidGroup, (await Assert.ThrowsAsync<MsnpException>(() => alice.RenameGroupAsync(77, "nothing"))).Code);

        await using var old = await Accounts.SignInAsync(server, "alice@example.com", MsnpDialect.Msnp5);
        await Assert.ThrowsAsync<NotSupportedException>(() => old.AddGroupAsync("Friends"));
    }

    [Fact]
    public async Task Privacy_and_the_reverse_list_prompt_change_and_refuse_the_current_value()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");

        // A fresh account is at list version 0, which a sync from 0 reports as unchanged, without settings.
        await alice.AddGroupAsync("Friends");
        var before = await alice.SyncAsync();
        Assert.NotNull(before.DefaultPrivacy);
        Assert.NotNull(before.ReverseListPrompt);
        var privacy = before.DefaultPrivacy == DefaultPrivacy.Allow ? DefaultPrivacy.Block : DefaultPrivacy.Allow;
        var prompt = before.ReverseListPrompt == ReverseListPrompt.Ask ? ReverseListPrompt.DoNotAsk : ReverseListPrompt.Ask;

        var afterBlp = await alice.SetPrivacyAsync(privacy);
        var afterGtc = await alice.SetReverseListPromptAsync(prompt);

        Assert.True(afterBlp > before.Version);
        Assert.True(afterGtc > afterBlp);
        var after = await alice.SyncAsync();
        Assert.Equal((afterGtc, privacy, prompt), (after.Version, after.DefaultPrivacy, after.ReverseListPrompt));
        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await Assert.ThrowsAsync<MsnpException>(() => alice.SetPrivacyAsync(privacy))).Code);
        Assert.Equal(MsnpErrorCode.AlreadyInTheMode, (await Assert.ThrowsAsync<MsnpException>(() => alice.SetReverseListPromptAsync(prompt))).Code);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public async Task A_new_friendly_name_is_kept_and_seen_at_the_next_sign_in(int version)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var dialect = MsnpDialect.TryParseLenient(version.ToString(System.Globalization.CultureInfo.InvariantCulture), out var d) ? d : throw new InvalidOperationException();
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com", dialect);

        await alice.SetFriendlyNameAsync("Alice in Wonderland ☕");

        Assert.Equal("Alice in Wonderland ☕", alice.FriendlyName);
        await alice.SignOutAsync();
        await using var again = await Accounts.SignInAsync(server, "alice@example.com", dialect);
        Assert.Equal("Alice in Wonderland ☕", again.FriendlyName);
    }
}
