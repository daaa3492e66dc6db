using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Client.Tests;

public sealed class ContactListTests
{
    [Fact]
    public async Task Sync_after_adding_contacts_lists_them_with_their_lists_groups_and_privacy()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob%20Smith");
        await Accounts.CreateAsync(server, "carol@example.com", "Carol");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");

        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bobby B", groupId: 0);
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");
        var version = await alice.AddContactAsync(ListKind.Block, "carol@example.com");
        var list = await alice.SyncAsync();

        Assert.False(list.IsUnchanged);
        Assert.Equal(version, list.Version);
        var bob = list.Find("bob@example.com");
        Assert.NotNull(bob);
        Assert.Equal(ListKind.Forward | ListKind.Allow, bob.Lists);
        Assert.Equal("Bobby B", bob.Nickname);
        Assert.Equal([0], bob.Groups);
        Assert.Equal(ListKind.Block, list.Find("carol@example.com")!.Lists);
        Assert.Contains(list.Groups, g => g.Id == 0);
        Assert.NotNull(list.ReverseListPrompt);
        Assert.NotNull(list.DefaultPrivacy);
    }

    [Fact]
    public async Task Sync_with_the_current_version_downloads_nothing()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        var version = await alice.AddContactAsync(ListKind.Forward, "bob@example.com");

        var list = await alice.SyncAsync(version);

        Assert.True(list.IsUnchanged);
        Assert.Equal(version, list.Version);
        Assert.Empty(list.Contacts);
    }

    [Fact]
    public async Task Msnp7_sync_reads_the_classic_list_format()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com", MsnpDialect.Msnp7);
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bobby");
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");

        var list = await alice.SyncAsync();

        var bob = list.Find("bob@example.com");
        Assert.NotNull(bob);
        Assert.Equal(ListKind.Forward | ListKind.Allow, bob.Lists);
        Assert.Equal("Bobby", bob.Nickname);
        Assert.NotNull(list.DefaultPrivacy);
    }

    [Fact]
    public async Task Adding_twice_is_an_msnp_error_with_its_code()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");

        var error = await Assert.ThrowsAsync<MsnpException>(() => alice.AddContactAsync(ListKind.Allow, "bob@example.com"));

        Assert.Equal(MsnpErrorCode.PrincipalAlreadyOnList, error.Code);
        Assert.Equal("ADD", error.Command);
    }

    [Fact]
    public async Task Removing_a_contact_takes_it_off_the_list()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");

        await alice.RemoveContactAsync(ListKind.Allow, "bob@example.com");
        var list = await alice.SyncAsync();

        Assert.Null(list.Find("bob@example.com"));
    }

    [Fact]
    public async Task Being_added_by_someone_raises_reverse_list_added()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com");
        await bob.SetStatusAsync(PresenceStatus.Online);
        var added = new TaskCompletionSource<ReverseListEventArgs>();
        bob.ReverseListAdded += (_, e) => added.TrySetResult(e);

        await alice.AddContactAsync(ListKind.Forward, "bob@example.com");

        var e = await added.Within();
        Assert.Equal("alice@example.com", e.Account);
        Assert.Equal("Alice", e.FriendlyName);
    }
}
