using Microsoft.Extensions.DependencyInjection;
using Msnp.Client.Connections;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Client.Tests;

public sealed class ReconnectTests
{
    [Fact]
    public async Task A_server_side_sign_out_is_surfaced_and_the_same_client_signs_in_again()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com");
        var signedOut = new TaskCompletionSource<SignedOutEventArgs>();
        var disconnected = new TaskCompletionSource<DisconnectedEventArgs>();
        alice.SignedOut += (_, e) => signedOut.TrySetResult(e);
        alice.Disconnected += (_, e) => disconnected.TrySetResult(e);

        var delivery = server.Host.Services.GetRequiredService<INotificationDelivery>();
        Assert.Equal(1, await delivery.DeliverToAccountAsync("alice@example.com", new SignOutNotification(SignOutReason.ServerShutdown)));

        Assert.Equal(SignOutReason.ServerShutdown, (await signedOut.Within()).Reason);
        Assert.Equal(DisconnectReason.ClosedByServer, (await disconnected.Within()).Reason);
        Assert.False(alice.IsSignedIn);
        await Assert.ThrowsAsync<MsnpConnectionClosedException>(() => alice.SetStatusAsync(PresenceStatus.Busy));

        await alice.SignInAsync();
        Assert.True(alice.IsSignedIn);
        await alice.SetStatusAsync(PresenceStatus.Online);
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com");
        var accepted = new TaskCompletionSource<Conversations.Conversation>();
        alice.ConversationInvited += async (_, e) => accepted.TrySetResult(await e.AcceptAsync());
        await using var chat = await bob.StartConversationAsync("alice@example.com");
        await using var atAlice = await accepted.Within();
        Assert.True(atAlice.Participants.ContainsKey("bob@example.com"));
    }

    [Fact]
    public async Task A_dropped_socket_fails_the_pending_request_and_signing_in_again_reconnects()
    {
        using var server = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(server.Port));
        var dropped = new TaskCompletionSource<DisconnectedEventArgs>();
        client.Disconnected += (_, e) => dropped.TrySetResult(e);

        var signIn = client.SignInAsync();
        await ScriptedSignIn.Md5Async(server, trId: 1);
        await signIn;
        var pending = client.SetStatusAsync(PresenceStatus.Online);
        Assert.Equal("CHG 5 NLN", await server.ReadLineAsync());
        server.DropClient();

        var error = await Assert.ThrowsAsync<MsnpConnectionClosedException>(() => pending);
        Assert.Equal(DisconnectReason.ClosedByServer, error.Reason);
        Assert.Equal(DisconnectReason.ClosedByServer, (await dropped.Within()).Reason);
        Assert.False(client.IsSignedIn);

        // A new session starts from TrID 1 on a new connection.
        signIn = client.SignInAsync();
        await ScriptedSignIn.Md5Async(server, trId: 1);
        await signIn;
        Assert.True(client.IsSignedIn);
        var status = client.SetStatusAsync(PresenceStatus.Busy);
        Assert.Equal("CHG 5 BSY", await server.ReadLineAsync());
        await server.SendAsync("CHG 5 BSY\r\n");
        await status;
    }

    [Fact]
    public async Task Signing_in_twice_is_refused_and_a_disposed_client_cannot_sign_in()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        var alice = await Accounts.SignInAsync(server, "alice@example.com");

        await Assert.ThrowsAsync<InvalidOperationException>(() => alice.SignInAsync());
        await alice.SignOutAsync();
        await alice.SignInAsync();
        Assert.True(alice.IsSignedIn);

        await alice.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => alice.SignInAsync());
    }
}
