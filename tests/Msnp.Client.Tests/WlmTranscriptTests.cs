using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Client.OfflineMessages;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>
/// Issue 16's "Done when" as one session per version, over real sockets and real HTTPS: a client
/// offering only MSNP15, MSNP16 or MSNP18 signs in with SSO, loads the address book, sees its
/// contacts' presence and personal messages, chats with an MSNP8 and an MSNP12 user (each side
/// starting once), receives the offline message sent while it was away, and (MSNP16+) is signed in
/// from two machines at once.
/// </summary>
public sealed class WlmTranscriptTests
{
    private const string Wendy = "wendy@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(18)]
    public async Task A_WLM_user_signs_in_with_SSO_loads_the_address_book_sees_presence_chats_with_MSNP8_and_MSNP12_and_gets_an_offline_message(int version)
    {
        var dialect = MsnpDialect.FromVersion(version);
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, Wendy, "Wendy");
        await Accounts.CreateAsync(server, Bob, "Bob");
        await Accounts.CreateAsync(server, Carol, "Carol");

        // A first WLM session puts bob and carol in the address book (ABContactAdd + ADL).
        await using (var first = await Accounts.SignInAsync(server, Wendy, dialect))
        {
            await first.SyncAsync();
            await first.AddContactAsync(ListKind.Forward, Bob, "Bobby");
            await first.AddContactAsync(ListKind.Forward, Carol);
            await first.SignOutAsync();
        }

        // Bob (MSNP8) and carol (MSNP12) have wendy on their lists; bob leaves a message while she is away.
        await using var bob = await Accounts.SignInAsync(server, Bob, MsnpDialect.Msnp8);
        await bob.AddContactAsync(ListKind.Forward, Wendy);
        await bob.AddContactAsync(ListKind.Allow, Wendy);
        await bob.SendOfflineMessageAsync(Wendy, $"call me back on MSNP{version} ☎");
        await bob.SetStatusAsync(PresenceStatus.Online);
        await using var carol = await Accounts.SignInAsync(server, Carol, MsnpDialect.Msnp12);
        await carol.AddToForwardListAsync(Wendy);
        await carol.AddContactAsync(ListKind.Allow, Wendy);
        await carol.SetStatusAsync(PresenceStatus.Busy);
        await carol.SetPersonalStatusAsync(new PersonalStatus("on the phone & busy", string.Empty));

        await using var wendy = new MsnpClient(Accounts.Options(server, Wendy, dialect));
        var offline = new TaskCompletionSource<OfflineMessageEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bobOnline = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var carolBusy = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var carolMessage = new TaskCompletionSource<PersonalStatusChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        wendy.OfflineMessageReceived += (_, e) => offline.TrySetResult(e);
        wendy.ContactPresenceChanged += (_, e) =>
        {
            (e.Account == Bob && e.Status == PresenceStatus.Online ? bobOnline : e.Account == Carol && e.Status == PresenceStatus.Busy ? carolBusy : null)?.TrySetResult(e);
        };
        wendy.ContactPersonalStatusChanged += (_, e) =>
        {
            if (e.Account == Carol && e.Status.PersonalMessage.Length > 0)
            {
                carolMessage.TrySetResult(e);
            }
        };

        // SSO sign-in (the MBI blob; the machine GUID from MSNP16), then the address book instead of SYN.
        await wendy.SignInAsync();
        Assert.Contains("contacts.msn.com", wendy.ServiceTickets.Keys);
        var list = await wendy.SyncAsync();
        Assert.Equal([Bob, Carol], list.On(ListKind.Forward).Select(c => c.Account).Order(StringComparer.Ordinal));
        Assert.Equal("Bobby", list.Find(Bob)!.Nickname);
        Assert.True(list.Find(Bob)!.Lists.Contains(ListKind.Reverse));
        await wendy.SetStatusAsync(PresenceStatus.Online);

        Assert.Equal("Bob", (await bobOnline.Within()).FriendlyName);
        Assert.Equal("Carol", (await carolBusy.Within()).FriendlyName);
        Assert.Equal("on the phone & busy", (await carolMessage.Within()).Status.PersonalMessage);
        var kept = await offline.Within();
        Assert.Equal((Bob, "Bob", $"call me back on MSNP{version} ☎"), (kept.Sender, kept.SenderName, kept.Text));

        // Wendy starts the chat with bob (MSNP8) ...
        var atBob = ConversationInbox.Next(bob);
        await using (var chat = await wendy.StartConversationAsync(Bob))
        {
            var reply = ConversationInbox.FirstText(chat);
            await chat.SendTextAsync($"hi bob, MSNP{version} here");
            Assert.Equal((Wendy, $"hi bob, MSNP{version} here"), await atBob.First.Within());
            var bobsSide = await atBob.Conversation.Within();
            await bobsSide.SendTextAsync("hi wendy, MSNP8 here");
            Assert.Equal((Bob, "hi wendy, MSNP8 here"), await reply.Within());
        }

        // ... and carol (MSNP12) starts the one with wendy.
        var atWendy = ConversationInbox.Next(wendy);
        await using (var chat = await carol.StartConversationAsync(Wendy))
        {
            var reply = ConversationInbox.FirstText(chat);
            await chat.SendTextAsync("wendy, MSNP12 calling");
            Assert.Equal((Carol, "wendy, MSNP12 calling"), await atWendy.First.Within());
            var wendysSide = await atWendy.Conversation.Within();
            await wendysSide.SendTextAsync($"carol, MSNP{version} answering");
            Assert.Equal((Wendy, $"carol, MSNP{version} answering"), await reply.Within());
        }

        if (!dialect.HasPointsOfPresence)
        {
            return;
        }

        // MSNP16+: wendy signs in from a second machine too. Both stay online, both list both
        // machines, and bob's next conversation rings and reaches both.
        var signedOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        wendy.SignedOut += (_, e) => signedOut.TrySetResult(e);
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        wendy.OwnEndpointsChanged += (_, list) =>
        {
            if (list.Count == 2)
            {
                both.TrySetResult();
            }
        };
        await using var laptop = new MsnpClient(Accounts.Options(server, Wendy, dialect) with { MachineGuid = Guid.NewGuid() });
        await laptop.SignInAsync();
        await laptop.SyncAsync();
        await laptop.SetStatusAsync(PresenceStatus.Online);
        await both.Task.Within();
        Assert.Equal(new[] { laptop.MachineGuid, wendy.MachineGuid }.Order(), wendy.OwnEndpoints.Select(e => e.MachineGuid).Order());

        var onDesktop = ConversationInbox.Next(wendy);
        var onLaptop = ConversationInbox.Next(laptop);
        await using (var chat = await bob.StartConversationAsync(Wendy))
        {
            await onDesktop.Conversation.Within();
            await onLaptop.Conversation.Within();
            await chat.SendTextAsync("which machine is this?");
            Assert.Equal((Bob, "which machine is this?"), await onDesktop.First.Within());
            Assert.Equal((Bob, "which machine is this?"), await onLaptop.First.Within());
        }

        Assert.True(wendy.IsSignedIn);
        Assert.False(signedOut.Task.IsCompleted);
    }
}
