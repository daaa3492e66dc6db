using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>MSNP13–14 clients against our server: TWN sign-in past the policy, ADL, presence and personal messages in the WLM forms, a chat with an MSNP8 user.</summary>
public sealed class WlmDialectServerTests
{
    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    public async Task A_WLM_user_announces_lists_sees_an_MSNP8_and_an_MSNP11_contact_and_chats(int version)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await Accounts.CreateAsync(server, "carol@example.com", "Carol");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com", MsnpDialect.FromVersion(version));
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com", MsnpDialect.Msnp8);
        await using var carol = await Accounts.OnlineAsync(server, "carol@example.com", MsnpDialect.Msnp11);

        var online = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var carolOnline = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var psm = new TaskCompletionSource<PersonalStatusChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.ContactPresenceChanged += (_, e) =>
        {
            (e.Account == "bob@example.com" ? online : e.Account == "carol@example.com" ? carolOnline : null)?.TrySetResult(e);
        };
        alice.ContactPersonalStatusChanged += (_, e) =>
        {
            if (e.Status.PersonalMessage.Length > 0)
            {
                psm.TrySetResult(e);
            }
        };

        await alice.AnnounceListsAsync([("bob@example.com", ListKind.Forward | ListKind.Allow), ("carol@example.com", ListKind.Forward)], initial: true);
        await alice.SetStatusAsync(PresenceStatus.Online);
        var bobSeen = await online.Within();
        Assert.Equal((PresenceStatus.Online, "Bob"), (bobSeen.Status, bobSeen.FriendlyName));
        Assert.Equal(PresenceStatus.Online, (await carolOnline.Within()).Status);
        await carol.SetPersonalStatusAsync(new PersonalStatus("tea & cake", string.Empty));
        var seen = await psm.Within();
        Assert.Equal(("carol@example.com", "tea & cake"), (seen.Account, seen.Status.PersonalMessage));

        // The store is one: bob's MSNP8 sync shows alice on his RL.
        Assert.Equal(ListKind.Reverse, (await bob.SyncAsync()).Find("alice@example.com")!.Lists & ListKind.Reverse);

        var atBob = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.ConversationInvited += async (_, e) => await e.AcceptAsync(c => c.MessageReceived += (_, m) =>
        {
            if (m.Content is TextMessage text)
            {
                atBob.TrySetResult(text.Text);
            }
        });
        await using var chat = await alice.StartConversationAsync("bob@example.com");
        await chat.SendTextAsync($"hello from MSNP{version}");
        Assert.Equal($"hello from MSNP{version}", await atBob.Within());

        await alice.RemoveFromListsAsync([("bob@example.com", ListKind.Forward)]);
        var refused = await Assert.ThrowsAsync<MsnpException>(() => alice.AnnounceListsAsync([("nobody@example.com", ListKind.Forward)]));
        Assert.Equal(208, (int)refused.Code);
    }
}
