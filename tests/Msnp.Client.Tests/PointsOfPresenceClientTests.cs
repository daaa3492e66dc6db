using Msnp.Client.Conversations;
using Msnp.Client.Endpoints;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>
/// The client library signed in from two machines at once (MSNP16+) against our server: both stay
/// online, each lists both machines from its own <c>UBX</c>, both join a contact's conversation and get
/// its messages, one machine's status reaches the other, and one machine signs the other out.
/// </summary>
public sealed class PointsOfPresenceClientTests
{
    private const string Wendy = "wendy@example.com";
    private const string Bob = "bob@example.com";

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    public async Task Two_machines_are_online_together_share_a_conversation_and_one_signs_the_other_out(int version)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, Wendy, "Wendy");
        await Accounts.CreateAsync(server, Bob, "Bob");
        await using var bob = await Accounts.SignInAsync(server, Bob, MsnpDialect.Msnp8);
        await bob.AddContactAsync(ListKind.Forward, Wendy);
        await bob.AddContactAsync(ListKind.Allow, Wendy);
        await bob.SetStatusAsync(PresenceStatus.Online);

        var dialect = MsnpDialect.FromVersion(version);
        var (homeGuid, workGuid) = (Guid.NewGuid(), Guid.NewGuid());
        await using var home = new MsnpClient(Accounts.Options(server, Wendy, dialect) with { MachineGuid = homeGuid });
        await using var work = new MsnpClient(Accounts.Options(server, Wendy, dialect) with { MachineGuid = workGuid });
        var homeSignedOut = Signal<SignedOutEventArgs>();
        home.SignedOut += (_, e) => homeSignedOut.TrySetResult(e);
        var homeSeesWork = Signal<IReadOnlyList<OwnEndpoint>>();
        home.OwnEndpointsChanged += (_, list) =>
        {
            if (list.Any(e => e.MachineGuid == workGuid && e.Name == "work laptop"))
            {
                homeSeesWork.TrySetResult(list);
            }
        };
        var homeSeesAway = Signal<PresenceChangedEventArgs>();
        home.OwnPresenceChanged += (_, e) =>
        {
            if (e.Account == Wendy && e.Status == PresenceStatus.Away)
            {
                homeSeesAway.TrySetResult(e);
            }
        };
        var ownAsContact = new List<PresenceChangedEventArgs>();
        home.ContactPresenceChanged += (_, e) =>
        {
            if (e.Account == Wendy)
            {
                lock (ownAsContact)
                {
                    ownAsContact.Add(e);
                }
            }
        };

        await home.SignInAsync();
        await home.SyncAsync();
        await home.SetStatusAsync(PresenceStatus.Online);
        await work.SignInAsync();
        await work.SyncAsync();
        await work.SetStatusAsync(PresenceStatus.Online);

        // The second machine does not displace the first; each lists both from its own UBX.
        await work.SetEndpointDetailsAsync("work laptop");
        var listed = await homeSeesWork.Within();
        Assert.Equal(new[] { homeGuid, workGuid }.Order(), listed.Select(e => e.MachineGuid).Order());
        Assert.True(listed.Single(e => e.MachineGuid == homeGuid).IsThisMachine);
        Assert.False(listed.Single(e => e.MachineGuid == workGuid).IsThisMachine);
        Assert.True(home.IsSignedIn);
        Assert.False(homeSignedOut.Task.IsCompleted);

        // Bob's conversation rings both machines; both join and both get his message.
        var atHome = ConversationInbox.Next(home);
        var atWork = ConversationInbox.Next(work);
        await using var chat = await bob.StartConversationAsync(Wendy);
        var (homeChat, workChat) = (await atHome.Conversation.Within(), await atWork.Conversation.Within());
        await chat.SendTextAsync("hello both machines");
        Assert.Equal((Bob, "hello both machines"), await atHome.First.Within());
        Assert.Equal((Bob, "hello both machines"), await atWork.First.Within());
        Assert.Equal([Bob], homeChat.Participants.Keys);
        Assert.Contains(workGuid, homeChat.Machines.GetValueOrDefault(Wendy) ?? []);
        var atBob = ConversationInbox.FirstText(chat);
        await workChat.SendTextAsync("answered from work");
        Assert.Equal((Wendy, "answered from work"), await atBob.Within());

        // One machine's status reaches the other (its own NLN) as the user's own presence, not a contact's;
        // home takes it on, so a reconnect of home restores Away.
        await work.SetStatusAsync(PresenceStatus.Away);
        Assert.Equal("Wendy", (await homeSeesAway.Within()).FriendlyName);
        Assert.Equal(PresenceStatus.Away, home.LastStatus);
        lock (ownAsContact)
        {
            Assert.Empty(ownAsContact);
        }

        // Work signs home out: home hears it and its connection ends; work stays.
        var homeGone = Signal<Connections.DisconnectedEventArgs>();
        home.Disconnected += (_, e) => homeGone.TrySetResult(e);
        await work.SignOutEndpointAsync(homeGuid);
        Assert.Equal(SignOutReason.OtherSession, (await homeSignedOut.Within()).Reason);
        await homeGone.Within();
        Assert.True(work.IsSignedIn);
    }

    [Fact]
    public async Task One_machines_personal_message_reaches_the_other_as_its_own_not_as_a_contacts()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, Wendy, "Wendy");
        await Accounts.CreateAsync(server, Bob, "Bob");
        await using var bob = await Accounts.OnlineAsync(server, Bob, MsnpDialect.Msnp12);

        await using var home = new MsnpClient(Accounts.Options(server, Wendy, MsnpDialect.Msnp18) with { MachineGuid = Guid.NewGuid() });
        await using var work = new MsnpClient(Accounts.Options(server, Wendy, MsnpDialect.Msnp18) with { MachineGuid = Guid.NewGuid() });
        var own = Signal<PersonalStatusChangedEventArgs>();
        var bobsMessage = Signal<PersonalStatusChangedEventArgs>();
        var contactEvents = new List<string>();
        work.OwnPersonalStatusChanged += (_, e) =>
        {
            if (e.Status.PersonalMessage == "at home")
            {
                own.TrySetResult(e);
            }
        };
        work.ContactPersonalStatusChanged += (_, e) =>
        {
            lock (contactEvents)
            {
                contactEvents.Add(e.Account);
            }

            if (e.Account == Bob && e.Status.PersonalMessage == "bob here")
            {
                bobsMessage.TrySetResult(e);
            }
        };
        await home.SignInAsync();
        await work.SignInAsync();
        await work.AnnounceListsAsync([(Bob, ListKind.Forward | ListKind.Allow)], initial: true);
        await home.SetStatusAsync(PresenceStatus.Online);
        await work.SetStatusAsync(PresenceStatus.Online);

        await home.SetPersonalStatusAsync(new PersonalStatus("at home", string.Empty));
        var seen = await own.Within();
        Assert.Equal(Wendy, seen.Account);

        // Events come in wire order: once bob's message is seen, wendy's echo has long been handled.
        await bob.SetPersonalStatusAsync(new PersonalStatus("bob here", string.Empty));
        await bobsMessage.Within();
        lock (contactEvents)
        {
            Assert.DoesNotContain(Wendy, contactEvents);
        }
    }

    private static TaskCompletionSource<T> Signal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
