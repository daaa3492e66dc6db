using System.Collections.Concurrent;
using Msnp.Client.Conversations;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>Three people in one switchboard session, ack modes and formatted text.</summary>
public sealed class GroupConversationTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public async Task A_third_person_is_invited_sees_the_roster_and_everyone_sees_joins_messages_and_leaves(int version)
    {
        await using var server = await TestServer.StartAsync();
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await Accounts.CreateAsync(server, $"{name}@example.com", char.ToUpperInvariant(name[0]) + name[1..]);
        }

        var dialect = Accounts.Version(version);
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com", dialect);
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com", dialect);
        await using var carol = await Accounts.OnlineAsync(server, "carol@example.com", dialect);
        var bobSide = Accept(bob, out var bobMessages);
        var carolSide = Accept(carol, out var carolMessages);

        await using var aliceChat = await alice.StartConversationAsync("bob@example.com");
        await using var bobChat = await bobSide.Within();
        var bobSawJoin = new TaskCompletionSource<ParticipantEventArgs>();
        bobChat.ParticipantJoined += (_, e) => bobSawJoin.TrySetResult(e);
        var aliceSawJoin = new TaskCompletionSource<ParticipantEventArgs>();
        aliceChat.ParticipantJoined += (_, e) => aliceSawJoin.TrySetResult(e);

        await aliceChat.InviteAndWaitAsync("carol@example.com");
        await using var carolChat = await carolSide.Within();

        Assert.Equal(("carol@example.com", "Carol"), ((await aliceSawJoin.Within()).Account, (await aliceSawJoin.Within()).FriendlyName));
        Assert.Equal("carol@example.com", (await bobSawJoin.Within()).Account);
        Assert.Equal(["alice@example.com", "bob@example.com"], carolChat.Participants.Keys.Order());
        Assert.Equal(["bob@example.com", "carol@example.com"], aliceChat.Participants.Keys.Order());

        await aliceChat.SendTextAsync("hello both");
        Assert.Equal("hello both", Text(Next(bobMessages)));
        Assert.Equal("hello both", Text(Next(carolMessages)));
        await carolChat.SendTextAsync("hi from carol");
        Assert.Equal("carol@example.com", Next(bobMessages).Sender);

        var bobSawLeave = new TaskCompletionSource<ParticipantEventArgs>();
        bobChat.ParticipantLeft += (_, e) => bobSawLeave.TrySetResult(e);
        await carolChat.LeaveAsync();
        Assert.Equal("carol@example.com", (await bobSawLeave.Within()).Account);
        Assert.False(carolChat.IsOpen);
    }

    [Fact]
    public async Task Ack_modes_behave_as_documented()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com", MsnpDialect.Msnp9);
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com", MsnpDialect.Msnp9);
        var bobSide = Accept(bob, out var bobMessages);
        await using var chat = await alice.StartConversationAsync("bob@example.com");
        var bobChat = await bobSide.Within();
        var failures = new BlockingCollection<uint>();
        chat.DeliveryFailed += (_, e) => failures.Add(e.MessageId);

        foreach (var mode in new[] { AckMode.Unacknowledged, AckMode.NegativeOnly, AckMode.Acknowledged, AckMode.Data })
        {
            var sent = await chat.SendRawAsync(new TextMessage($"mode {mode}").ToMimeMessage(), mode);
            Assert.NotEqual(0u, sent);
            Assert.Equal($"mode {mode}", Text(Next(bobMessages)));
        }

        // With nobody left to deliver to: N reports through the event, A throws.
        var bobLeft = new TaskCompletionSource<bool>();
        chat.ParticipantLeft += (_, _) => bobLeft.TrySetResult(true);
        await bobChat.LeaveAsync();
        await bobLeft.Within();
        var lost = await chat.SendRawAsync(new TextMessage("lost").ToMimeMessage(), AckMode.NegativeOnly);
        Assert.True(failures.TryTake(out var failed, TimeSpan.FromSeconds(10)), "no NAK");
        Assert.Equal(lost, failed);
        await Assert.ThrowsAsync<MessageNotDeliveredException>(() => chat.SendTextAsync("lost too"));
    }

    [Fact]
    public async Task Ack_mode_d_is_refused_before_msnp9_without_sending()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com", MsnpDialect.Msnp8);
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com", MsnpDialect.Msnp8);
        var bobSide = Accept(bob, out var bobMessages);
        await using var chat = await alice.StartConversationAsync("bob@example.com");
        await using var bobChat = await bobSide.Within();

        await Assert.ThrowsAsync<NotSupportedException>(() => chat.SendRawAsync(new TextMessage("data").ToMimeMessage(), AckMode.Data));
        await chat.SendTextAsync("still open");
        Assert.Equal("still open", Text(Next(bobMessages)));
    }

    [Fact]
    public async Task Formatted_text_round_trips_as_a_typed_format()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com");
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com");
        var bobSide = Accept(bob, out var bobMessages);
        await using var chat = await alice.StartConversationAsync("bob@example.com");
        await using var bobChat = await bobSide.Within();
        var format = new MessageFormat
        {
            FontName = "Comic Sans MS",
            Effects = FontEffects.Bold | FontEffects.Underline,
            Color = BgrColor.FromRgb(0xff, 0x80, 0x00),
            CharSet = 0,
            PitchAndFamily = MessageFormat.ToPitchAndFamily(FontFamilyKind.Script, FontPitch.Variable),
        };

        await chat.SendTextAsync("line one\r\nline two", format);

        var received = Assert.IsType<TextMessage>(Next(bobMessages).Content);
        Assert.Equal("line one\r\nline two", received.Text);
        Assert.Equal(format, received.Format);
        Assert.Equal((byte)0xff, received.Format?.Color?.Red);
        Assert.Equal(FontFamilyKind.Script, received.Format?.Family);
    }

    [Fact]
    public async Task Switchboard_and_notification_errors_carry_their_codes()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await Accounts.CreateAsync(server, "carol@example.com", "Carol");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");

        var offline = await Assert.ThrowsAsync<MsnpException>(() => alice.StartConversationAsync("bob@example.com"));
        Assert.Equal((MsnpErrorCode.NotAllowedWhenOffline, "XFR"), (offline.Code, offline.Command));
        Assert.Contains("913", offline.Message, StringComparison.Ordinal);
        Assert.Equal(offline.Code.Describe(), offline.Description);

        await alice.SetStatusAsync(Protocol.Dialects.Model.PresenceStatus.Online);
        var notOnline = await Assert.ThrowsAsync<MsnpException>(() => alice.StartConversationAsync("carol@example.com"));
        Assert.Equal((MsnpErrorCode.PrincipalNotOnline, "CAL"), (notOnline.Code, notOnline.Command));

        // A space cannot go on the wire at all; the client refuses before sending.
        await Assert.ThrowsAsync<ArgumentException>(() => alice.AddContactAsync(Protocol.Dialects.Model.ListKind.Forward, "not an address"));
        var invalid = await Assert.ThrowsAsync<MsnpException>(() => alice.AddContactAsync(Protocol.Dialects.Model.ListKind.Forward, "not-an-address"));
        Assert.Equal(MsnpErrorCode.InvalidParameter, invalid.Code);
        Assert.True(alice.IsSignedIn);
    }

    private static Task<Conversation> Accept(MsnpClient client, out BlockingCollection<MessageReceivedEventArgs> messages)
    {
        var received = new BlockingCollection<MessageReceivedEventArgs>();
        messages = received;
        var accepted = new TaskCompletionSource<Conversation>();
        client.ConversationInvited += async (_, e) =>
            accepted.TrySetResult(await e.AcceptAsync(c => c.MessageReceived += (_, m) =>
            {
                if (m.Content is not TypingNotification)
                {
                    received.Add(m);
                }
            }));
        return accepted.Task;
    }

    private static string Text(MessageReceivedEventArgs message) => Assert.IsType<TextMessage>(message.Content).Text;

    private static MessageReceivedEventArgs Next(BlockingCollection<MessageReceivedEventArgs> messages)
    {
        Assert.True(messages.TryTake(out var m, TimeSpan.FromSeconds(10)), "no message");
        return m;
    }
}
