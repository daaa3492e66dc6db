using System.Collections.Concurrent;
using Msnp.Client.Conversations;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

public sealed class ConversationTests
{
    [Fact]
    public async Task Alice_starts_bob_accepts_and_they_talk_until_alice_leaves()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com");
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Online);

        var bobSide = new TaskCompletionSource<Conversation>();
        var bobMessages = new BlockingCollection<MessageReceivedEventArgs>();
        var bobLeft = new TaskCompletionSource<ParticipantEventArgs>();
        string? inviter = null;
        bob.ConversationInvited += async (_, e) =>
        {
            inviter = e.Inviter;
            var conversation = await e.AcceptAsync();
            conversation.MessageReceived += (_, m) => bobMessages.Add(m);
            conversation.ParticipantLeft += (_, p) => bobLeft.TrySetResult(p);
            bobSide.TrySetResult(conversation);
        };

        await using var aliceConversation = await alice.StartConversationAsync("bob@example.com");
        await using var bobConversation = await bobSide.Within();
        var aliceMessages = new BlockingCollection<MessageReceivedEventArgs>();
        aliceConversation.MessageReceived += (_, m) => aliceMessages.Add(m);

        Assert.Equal("alice@example.com", inviter);
        Assert.Equal("Bob", aliceConversation.Participants["bob@example.com"]);
        Assert.Equal("Alice", bobConversation.Participants["alice@example.com"]);

        await aliceConversation.SendTextAsync("hello bob");
        var atBob = Next(bobMessages);
        Assert.Equal("alice@example.com", atBob.Sender);
        Assert.Equal("hello bob", Assert.IsType<TextMessage>(atBob.Content).Text);

        await bobConversation.SendTypingAsync();
        var typing = Assert.IsType<TypingNotification>(Next(aliceMessages).Content);
        Assert.Equal("bob@example.com", typing.TypingUser);

        var format = new MessageFormat { FontName = "Arial" };
        await bobConversation.SendTextAsync("hi alice, ça va?", format);
        var atAlice = Assert.IsType<TextMessage>(Next(aliceMessages).Content);
        Assert.Equal("hi alice, ça va?", atAlice.Text);
        Assert.Equal("Arial", atAlice.Format?.FontName);

        await aliceConversation.LeaveAsync();
        var left = await bobLeft.Within();
        Assert.Equal("alice@example.com", left.Account);
        Assert.False(left.TimedOut);
        Assert.Empty(bobConversation.Participants);
    }

    [Fact]
    public async Task A_message_nobody_else_can_receive_is_not_acknowledged()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com");
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Online);
        var bobSide = new TaskCompletionSource<Conversation>();
        bob.ConversationInvited += async (_, e) => bobSide.TrySetResult(await e.AcceptAsync());
        await using var aliceConversation = await alice.StartConversationAsync("bob@example.com");
        var aliceLeft = new TaskCompletionSource<ParticipantEventArgs>();
        aliceConversation.ParticipantLeft += (_, p) => aliceLeft.TrySetResult(p);

        await (await bobSide.Within()).LeaveAsync();
        await aliceLeft.Within();

        await Assert.ThrowsAsync<MessageNotDeliveredException>(() => aliceConversation.SendTextAsync("anyone?"));
    }

    private static MessageReceivedEventArgs Next(BlockingCollection<MessageReceivedEventArgs> messages)
    {
        Assert.True(messages.TryTake(out var m, TimeSpan.FromSeconds(10)), "no message");
        return m;
    }
}
