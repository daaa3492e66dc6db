using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Tests;

/// <summary>
/// MSNP13+ clients against our server: <c>SyncAsync</c> reads the address book and sharing services (no
/// <c>SYN</c>, which the server answers 502) and returns what an MSNP8 sync of the same lists returns;
/// list changes go through SOAP plus <c>ADL</c>/<c>RML</c> and an MSNP8 session sees them.
/// </summary>
public sealed class AddressBookSyncTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";
    private const string Dave = "dave@example.com";

    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(18)]
    public async Task Sync_reads_the_address_book_and_gives_the_lists_an_MSNP8_sync_gives(int version)
    {
        await using var server = await TestServer.StartAsync();
        foreach (var (email, name) in new[] { (Alice, "Alice"), (Bob, "Bob"), (Carol, "Carol"), (Dave, "Dave") })
        {
            await Accounts.CreateAsync(server, email, name);
        }

        await using (var dave = await Accounts.SignInAsync(server, Dave))
        {
            await dave.AddContactAsync(ListKind.Forward, Alice);
        }

        Contacts.ContactList atMsnp8;
        await using (var alice8 = await Accounts.SignInAsync(server, Alice))
        {
            var friends = await alice8.AddGroupAsync("Friends");
            await alice8.AddContactAsync(ListKind.Forward, Bob, "Bobby", friends.Id);
            await alice8.AddContactAsync(ListKind.Allow, Bob);
            await alice8.AddContactAsync(ListKind.Block, Carol);
            await alice8.SetPrivacyAsync(DefaultPrivacy.Block);
            atMsnp8 = await alice8.SyncAsync();
        }

        await using var alice = await Accounts.SignInAsync(server, Alice, MsnpDialect.FromVersion(version));
        var list = await alice.SyncAsync();

        Assert.False(list.IsUnchanged);
        Assert.Equal(Describe(atMsnp8), Describe(list));
        Assert.Equal(DefaultPrivacy.Block, list.DefaultPrivacy);
        Assert.Equal("Alice", list.FriendlyName);
        var bob = list.Find(Bob)!;
        Assert.Equal("Bobby", bob.Nickname);
        Assert.True(alice.TryGetContactId(Bob, out var bobId));
        Assert.Equal(bob.ContactId, bobId);

        // The initial ADL went out: going online brings bob's presence.
        var bobOnline = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.ContactPresenceChanged += (_, e) =>
        {
            if (e.Account == Bob && e.Status == PresenceStatus.Online)
            {
                bobOnline.TrySetResult(e);
            }
        };
        await using var bobClient = await Accounts.SignInAsync(server, Bob);
        await bobClient.AddContactAsync(ListKind.Allow, Alice);
        await bobClient.SetStatusAsync(PresenceStatus.Online);
        await alice.SetStatusAsync(PresenceStatus.Online);
        Assert.Equal("Bob", (await bobOnline.Within()).FriendlyName);
    }

    [Fact]
    public async Task List_changes_at_MSNP18_go_through_the_services_and_an_MSNP8_session_sees_them()
    {
        await using var server = await TestServer.StartAsync();
        foreach (var (email, name) in new[] { (Alice, "Alice"), (Bob, "Bob"), (Carol, "Carol") })
        {
            await Accounts.CreateAsync(server, email, name);
        }

        await using var bob = await Accounts.SignInAsync(server, Bob);
        var added = new TaskCompletionSource<ReverseListEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.ReverseListAdded += (_, e) => added.TrySetResult(e);
        await bob.AddContactAsync(ListKind.Forward, Alice);
        await bob.AddContactAsync(ListKind.Allow, Alice);
        await bob.SetStatusAsync(PresenceStatus.Online);

        await using var alice = await Accounts.SignInAsync(server, Alice, MsnpDialect.Msnp18);
        await alice.SyncAsync();
        await alice.SetStatusAsync(PresenceStatus.Online);

        // Adding bob: ABContactAdd, then the ADL brings his presence; bob hears he was added.
        var bobOnline = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.ContactPresenceChanged += (_, e) =>
        {
            if (e.Account == Bob && e.Status == PresenceStatus.Online)
            {
                bobOnline.TrySetResult(e);
            }
        };
        await alice.AddContactAsync(ListKind.Forward, Bob, "Bobby");
        Assert.Equal(Alice, (await added.Within()).Account);
        Assert.Equal(PresenceStatus.Online, (await bobOnline.Within()).Status);

        // Groups through ABGroupAdd / ABGroupContactAdd / ABGroupUpdate.
        var group = await alice.AddGroupAsync("Friends");
        Assert.True(alice.TryGetContactId(Bob, out var bobId));
        await alice.AddToGroupAsync(bobId, group.Guid!.Value);
        await alice.RenameGroupAsync(group.Id, "Pals");

        // Blocking bob: RML AL + ADL BL on the notification server (bob sees alice leave), the sharing service too.
        var aliceGone = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.ContactPresenceChanged += (_, e) =>
        {
            if (e.Account == Alice && e.Status == PresenceStatus.Offline)
            {
                aliceGone.TrySetResult(e);
            }
        };
        await alice.RemoveContactAsync(ListKind.Allow, Bob);
        await alice.AddContactAsync(ListKind.Block, Bob);
        await aliceGone.Within();
        await alice.AddContactAsync(ListKind.Forward, Carol);
        Assert.True(alice.TryGetContactId(Carol, out var carolId));
        await alice.AddToGroupAsync(carolId, group.Guid.Value);

        var seen = await alice.SyncAsync();
        Assert.Equal(ListKind.Forward | ListKind.Block | ListKind.Reverse, seen.Find(Bob)!.Lists);
        Assert.Equal("Bobby", seen.Find(Bob)!.Nickname);

        // The name alice keeps for bob: ABContactUpdate (Pidgin's alias form), read back by the next sync.
        await alice.SetContactNameAsync(bobId, "Bob the Builder");
        Assert.Equal("Bob the Builder", (await alice.SyncAsync()).Find(Bob)!.Nickname);
        Assert.Equal(["Pals"], seen.Find(Bob)!.Groups.Select(g => seen.Groups.Single(x => x.Id == g).Name));

        // Out of the group, off the forward and block lists; a second group created and deleted.
        await alice.RemoveContactAsync(ListKind.Forward, Bob, group.Id);
        await alice.RemoveContactAsync(ListKind.Forward, Bob);
        await alice.RemoveContactAsync(ListKind.Block, Bob);
        var old = await alice.AddGroupAsync("Old");
        await alice.RemoveGroupAsync(old.Id);
        await alice.SignOutAsync();

        // The store is one: an MSNP8 sign-in sees what the services and ADL/RML changed.
        await using var alice8 = await Accounts.SignInAsync(server, Alice);
        var atMsnp8 = await alice8.SyncAsync();
        Assert.Equal(ListKind.Reverse, atMsnp8.Find(Bob)!.Lists);
        Assert.Equal(ListKind.Forward | ListKind.Allow, atMsnp8.Find(Carol)!.Lists);
        Assert.Equal(["Pals"], atMsnp8.Find(Carol)!.Groups.Select(g => atMsnp8.Groups.Single(x => x.Id == g).Name));
        Assert.DoesNotContain(atMsnp8.Groups, g => g.Name == "Old");
    }

    // Every contact with its lists and its groups' names, comparable across versions (group numbers differ;
    // MSNP8 has no pending list, its pending people are on the RL).
    private static string[] Describe(Contacts.ContactList list) =>
        [.. list.Contacts
            .Select(c => $"{c.Account} {c.Lists & ~ListKind.Pending} [{string.Join(",", c.Groups.Select(g => list.Groups.Single(x => x.Id == g).Name).Where(n => n != "Other Contacts").Order())}]")
            .Order(StringComparer.Ordinal)];
}
