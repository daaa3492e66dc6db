using Msnp.Client.Conversations;
using Msnp.Client.P2P;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Tests.P2P;

/// <summary>Alice and Bob on a real in-process server, speaking MSNP9, in one conversation; each may have a display picture.</summary>
internal sealed class P2PPair : IAsyncDisposable
{
    public const string AliceAccount = "alice@example.com";
    public const string BobAccount = "bob@example.com";

    private P2PPair(TestServer server, MsnpClient alice, MsnpClient bob)
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

    public static async Task<P2PPair> StartAsync(DisplayPicture? alicePicture = null, DisplayPicture? bobPicture = null, Action<Conversation>? configureBob = null)
    {
        var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, AliceAccount, "Alice");
        await Accounts.CreateAsync(server, BobAccount, "Bob");
        var alice = new MsnpClient(Accounts.Options(server, AliceAccount, MsnpDialect.Msnp9) with { DisplayPicture = alicePicture, ClientId = ContactCapabilities.P2PClientId });
        var bob = new MsnpClient(Accounts.Options(server, BobAccount, MsnpDialect.Msnp9) with { DisplayPicture = bobPicture, ClientId = ContactCapabilities.P2PClientId });
        await alice.SignInAsync();
        await bob.SignInAsync();
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Online);
        var pair = new P2PPair(server, alice, bob);
        var bobSide = new TaskCompletionSource<Conversation>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.ConversationInvited += async (_, e) => bobSide.TrySetResult(await e.AcceptAsync(c => configureBob?.Invoke(c)));
        pair.Alice = await alice.StartConversationAsync(BobAccount);
        pair.Bob = await bobSide.Within();
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        await Alice.DisposeAsync();
        await Bob.DisposeAsync();
        await AliceClient.DisposeAsync();
        await BobClient.DisposeAsync();
        await Server.DisposeAsync();
    }
}
