using System.Collections.Concurrent;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>The client over the server's HTTP gateway, alone and next to a TCP user.</summary>
public sealed class GatewayTests
{
    [Fact]
    public async Task Two_gateway_users_sign_in_sync_see_each_other_and_talk()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await SignInOverGatewayAsync(server, "alice@example.com", https: false);
        await using var bob = await SignInOverGatewayAsync(server, "bob@example.com", https: false);
        Assert.Equal("0", alice.Profile?.Headers.GetValue("ClientPort"));

        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bobby");
        var list = await alice.SyncAsync();
        Assert.Contains(list.Contacts, c => c.Account == "bob@example.com" && c.Lists.HasFlag(ListKind.Forward));

        var presence = new BlockingCollection<PresenceChangedEventArgs>();
        alice.ContactPresenceChanged += (_, e) => presence.Add(e);
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Away);
        var seen = Next(presence, e => e.Status == PresenceStatus.Away);
        Assert.Equal("bob@example.com", seen.Account);

        await TalkAsync(alice, bob);
    }

    [Fact]
    public async Task A_tcp_user_and_a_gateway_user_see_each_other_and_chat()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await using var bob = await SignInOverGatewayAsync(server, "bob@example.com", https: true);
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com");
        await bob.AddContactAsync(ListKind.Forward, "alice@example.com");

        var atAlice = new BlockingCollection<PresenceChangedEventArgs>();
        var atBob = new BlockingCollection<PresenceChangedEventArgs>();
        alice.ContactPresenceChanged += (_, e) => atAlice.Add(e);
        bob.ContactPresenceChanged += (_, e) => atBob.Add(e);
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Busy);
        Assert.Equal("bob@example.com", Next(atAlice, e => e.Status == PresenceStatus.Busy).Account);
        await alice.SetStatusAsync(PresenceStatus.Away);
        Assert.Equal("alice@example.com", Next(atBob, e => e.Status == PresenceStatus.Away).Account);

        // Each starts a conversation once: the gateway user's switchboard goes through Action=open&Server=SB.
        await TalkAsync(alice, bob);
        await TalkAsync(bob, alice);

        await bob.SignOutAsync();
        Assert.Equal("bob@example.com", Next(atAlice, e => e.Status == PresenceStatus.Offline).Account);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public async Task GUID_version_users_over_the_gateway_sync_see_personal_messages_and_chat(int version)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        var dialect = Accounts.Version(version);
        await using var alice = await SignInOverGatewayAsync(server, "alice@example.com", https: true, dialect);
        await using var bob = await SignInOverGatewayAsync(server, "bob@example.com", https: false, dialect);

        var bobId = await alice.AddToForwardListAsync("bob@example.com", "Bobby");
        await bob.AddToForwardListAsync("alice@example.com");
        var entry = (await alice.SyncAsync()).Find("bob@example.com")!;
        Assert.Equal((bobId, "Bobby"), (entry.ContactId, entry.Nickname));

        var presence = new BlockingCollection<PresenceChangedEventArgs>();
        var personal = new BlockingCollection<PersonalStatusChangedEventArgs>();
        alice.ContactPresenceChanged += (_, e) => presence.Add(e);
        alice.ContactPersonalStatusChanged += (_, e) => personal.Add(e);
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Away);
        Assert.Equal("bob@example.com", Next(presence, e => e.Status == PresenceStatus.Away).Account);
        if (dialect.HasPersonalMessages)
        {
            await bob.SetPersonalStatusAsync(new PersonalStatus("over http", string.Empty));
            Assert.Equal("over http", Next(personal, e => e.Status.PersonalMessage.Length > 0).Status.PersonalMessage);
        }

        await TalkAsync(alice, bob);
    }

    private static async Task TalkAsync(MsnpClient caller, MsnpClient callee)
    {
        var calleeSide = new TaskCompletionSource<Conversation>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calleeMessages = new BlockingCollection<MessageReceivedEventArgs>();
        void OnInvited(object? sender, ConversationInvitedEventArgs e) => _ = AcceptAsync(e);
        async Task AcceptAsync(ConversationInvitedEventArgs e)
        {
            var conversation = await e.AcceptAsync();
            conversation.MessageReceived += (_, m) => calleeMessages.Add(m);
            calleeSide.TrySetResult(conversation);
        }

        callee.ConversationInvited += OnInvited;
        try
        {
            await using var callerConversation = await caller.StartConversationAsync(callee.Account);
            await using var calleeConversation = await calleeSide.Within();
            var callerMessages = new BlockingCollection<MessageReceivedEventArgs>();
            callerConversation.MessageReceived += (_, m) => callerMessages.Add(m);

            await callerConversation.SendTextAsync($"hello from {caller.Account}");
            var first = Next(calleeMessages, _ => true);
            Assert.Equal(caller.Account, first.Sender);
            Assert.Equal($"hello from {caller.Account}", Assert.IsType<TextMessage>(first.Content).Text);

            await calleeConversation.SendTextAsync("hi back");
            Assert.Equal("hi back", Assert.IsType<TextMessage>(Next(callerMessages, m => m.Content is TextMessage).Content).Text);
            await callerConversation.LeaveAsync();
        }
        finally
        {
            callee.ConversationInvited -= OnInvited;
        }
    }

    private static async Task<MsnpClient> SignInOverGatewayAsync(TestServer server, string email, bool https, Protocol.Dialects.MsnpDialect? dialect = null)
    {
        var endpoints = server.Host.Endpoints;
        var gateway = https
            ? new Uri($"https://127.0.0.1:{endpoints.HttpsPort}/gateway/gateway.dll")
            : new Uri($"http://127.0.0.1:{endpoints.HttpPort}/gateway/gateway.dll");
        var client = new MsnpClient(Accounts.Options(server, email, dialect) with
        {
            GatewayUrl = gateway,
            GatewayPollInterval = TimeSpan.FromMilliseconds(250),
        });
        await client.SignInAsync();
        return client;
    }

    private static T Next<T>(BlockingCollection<T> items, Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"no matching {typeof(T).Name} within 20 s");
            if (items.TryTake(out var item, left) && match(item))
            {
                return item;
            }
        }
    }
}
