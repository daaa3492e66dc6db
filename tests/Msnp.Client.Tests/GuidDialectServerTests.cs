using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>MSNP10–12 clients against our server: groups by GUID, personal messages, and mixed versions in one switchboard.</summary>
public sealed class GuidDialectServerTests
{
    [Fact]
    public async Task An_MSNP12_user_manages_groups_by_GUID_and_sees_an_MSNP11_contact_s_personal_message()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com", MsnpDialect.Msnp12);
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com", MsnpDialect.Msnp11);

        var bobId = await alice.AddToForwardListAsync("bob@example.com", "Bobby");
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");
        await bob.AddContactAsync(ListKind.Allow, "alice@example.com");

        var friends = await alice.AddGroupAsync("Friends");
        Assert.NotNull(friends.Guid);
        await alice.AddToGroupAsync(bobId, friends.Guid.Value);
        var list = await alice.SyncAsync();
        var entry = list.Find("bob@example.com")!;
        Assert.Equal((bobId, "Bobby"), (entry.ContactId, entry.Nickname));
        Assert.Equal([friends.Guid.Value], entry.GroupIds);
        Assert.Equal("Friends", list.Groups.Single(g => g.Guid == friends.Guid).Name);

        await alice.RenameGroupAsync(friends.Guid.Value, "Pals");
        Assert.Equal("Pals", (await alice.SyncAsync()).Groups.Single(g => g.Guid == friends.Guid).Name);

        await alice.RemoveFromForwardListAsync(bobId, friends.Guid.Value);
        Assert.Empty((await alice.SyncAsync()).Find("bob@example.com")!.GroupIds);
        await alice.RemoveGroupAsync(friends.Guid.Value);
        Assert.DoesNotContain((await alice.SyncAsync()).Groups, g => g.Guid == friends.Guid);

        // Presence and the personal message reach the watcher.
        var psm = new TaskCompletionSource<PersonalStatusChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.ContactPersonalStatusChanged += (_, e) =>
        {
            if (e.Account == "bob@example.com" && e.Status.PersonalMessage.Length > 0)
            {
                psm.TrySetResult(e);
            }
        };
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Online);
        await bob.SetPersonalStatusAsync(new PersonalStatus("at lunch & back soon", string.Empty));
        var seen = await psm.Within();
        Assert.Equal("at lunch & back soon", seen.Status.PersonalMessage);

        await alice.SetFriendlyNameAsync("Alice A");
        Assert.Equal("Alice A", alice.FriendlyName);
        Assert.Equal("Alice A", (await alice.SyncAsync()).FriendlyName);
    }

    [Fact]
    public async Task An_MSNP12_user_sees_who_added_them_as_pending_and_takes_them_off_the_pending_list()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com", MsnpDialect.Msnp12);
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com", MsnpDialect.Msnp11);

        await bob.AddToForwardListAsync("alice@example.com");
        Assert.Equal(ListKind.Reverse | ListKind.Pending, (await alice.SyncAsync()).Find("bob@example.com")!.Lists);

        await alice.RemoveContactAsync(ListKind.Pending, "bob@example.com");
        Assert.Equal(ListKind.Reverse, (await alice.SyncAsync()).Find("bob@example.com")!.Lists);
        var again = await Assert.ThrowsAsync<MsnpException>(() => alice.RemoveContactAsync(ListKind.Pending, "bob@example.com"));
        Assert.Equal(216, (int)again.Code);
    }

    [Fact]
    public async Task An_MSNP7_an_MSNP9_and_an_MSNP12_user_chat_in_one_switchboard()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await Accounts.CreateAsync(server, "carol@example.com", "Carol");
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com", MsnpDialect.Msnp12);
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com", MsnpDialect.Msnp9);
        await using var carol = await Accounts.OnlineAsync(server, "carol@example.com", MsnpDialect.Msnp7);

        var atBob = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var atCarol = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bobConversation = new TaskCompletionSource<Conversation>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.ConversationInvited += async (_, e) => bobConversation.TrySetResult(await e.AcceptAsync(c => c.MessageReceived += (_, m) =>
        {
            if (m.Content is TextMessage text)
            {
                atBob.TrySetResult(text.Text);
            }
        }));
        carol.ConversationInvited += async (_, e) => await e.AcceptAsync(c => c.MessageReceived += (_, m) =>
        {
            if (m.Content is TextMessage text)
            {
                atCarol.TrySetResult(text.Text);
            }
        });

        await using var chat = await alice.StartConversationAsync("bob@example.com");
        await chat.InviteAndWaitAsync("carol@example.com");
        Assert.Equal(["bob@example.com", "carol@example.com"], chat.Participants.Keys.Order());

        await chat.SendTextAsync("hello from MSNP12");
        Assert.Equal("hello from MSNP12", await atBob.Within());
        Assert.Equal("hello from MSNP12", await atCarol.Within());

        var atAlice = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.MessageReceived += (_, m) =>
        {
            if (m.Content is TextMessage text)
            {
                atAlice.TrySetResult(text.Text);
            }
        };
        await (await bobConversation.Within()).SendTextAsync("hello from MSNP9");
        Assert.Equal("hello from MSNP9", await atAlice.Within());
    }
}
