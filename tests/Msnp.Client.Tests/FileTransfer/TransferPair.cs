using System.Collections.Concurrent;
using System.Net;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests.FileTransfer;

/// <summary>
/// Alice and Bob signed in to an in-process server and in one conversation. Each side either has
/// <see cref="ConversationInvitations"/> attached or records raw invitation messages, so a test
/// can play one side by hand.
/// </summary>
internal sealed class TransferPair : IAsyncDisposable
{
    private TransferPair(TestServer server, MsnpClient alice, MsnpClient bob)
    {
        Server = server;
        AliceClient = alice;
        BobClient = bob;
    }

    public TestServer Server { get; }

    public MsnpClient AliceClient { get; }

    public MsnpClient BobClient { get; }

    public Conversation Alice { get; private set; } = null!;

    public Conversation Bob { get; private set; } = null!;

    /// <summary>Alice's invitations, when attached.</summary>
    public ConversationInvitations? AliceInvitations { get; private set; }

    /// <summary>Bob's invitations, when attached.</summary>
    public ConversationInvitations? BobInvitations { get; private set; }

    /// <summary>Invitation messages each side received, for sides played by hand.</summary>
    public BlockingCollection<Invitation> AliceInbox { get; } = [];

    public BlockingCollection<Invitation> BobInbox { get; } = [];

    /// <summary>Loopback only, any free port, short enough timeouts for a test run.</summary>
    public static FileTransferOptions Options(TimeSpan? stall = null) => new()
    {
        ListenAddress = IPAddress.Loopback,
        ListenPortStart = 0,
        AnswerTimeout = TimeSpan.FromSeconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(20),
        StallTimeout = stall ?? TimeSpan.FromSeconds(20),
    };

    public static async Task<TransferPair> StartAsync(FileTransferOptions? alice, FileTransferOptions? bob)
    {
        var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        var aliceClient = await Accounts.SignInAsync(server, "alice@example.com");
        var bobClient = await Accounts.SignInAsync(server, "bob@example.com");
        await aliceClient.SetStatusAsync(PresenceStatus.Online);
        await bobClient.SetStatusAsync(PresenceStatus.Online);
        var pair = new TransferPair(server, aliceClient, bobClient);

        var bobSide = new TaskCompletionSource<Conversation>(TaskCreationOptions.RunContinuationsAsynchronously);
        bobClient.ConversationInvited += async (_, e) => bobSide.TrySetResult(await e.AcceptAsync(c =>
        {
            Record(c, pair.BobInbox);
            if (bob is not null)
            {
                pair.BobInvitations = new ConversationInvitations(c, "bob@example.com", bob);
            }
        }));
        pair.Alice = await aliceClient.StartConversationAsync("bob@example.com");
        Record(pair.Alice, pair.AliceInbox);
        if (alice is not null)
        {
            pair.AliceInvitations = new ConversationInvitations(pair.Alice, "alice@example.com", alice);
        }

        pair.Bob = await bobSide.Within();
        return pair;
    }

    /// <summary>Waits for the next invitation message a side played by hand received.</summary>
    public static Invitation Next(BlockingCollection<Invitation> inbox)
    {
        Assert.True(inbox.TryTake(out var invitation, TimeSpan.FromSeconds(20)), "no invitation message arrived");
        return invitation;
    }

    public async ValueTask DisposeAsync()
    {
        AliceInvitations?.Dispose();
        BobInvitations?.Dispose();
        await Alice.DisposeAsync();
        await Bob.DisposeAsync();
        await AliceClient.DisposeAsync();
        await BobClient.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static void Record(Conversation conversation, BlockingCollection<Invitation> inbox) =>
        conversation.MessageReceived += (_, m) =>
        {
            if (Invitation.TryParse(m.Message, out var invitation))
            {
                inbox.Add(invitation);
            }
        };
}
