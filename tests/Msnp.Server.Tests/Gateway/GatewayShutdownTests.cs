using System.Net;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Gateway;

/// <summary>
/// On shutdown a gateway user is signed out like a TCP user (<c>OUT SSD</c>) and the server keeps
/// answering polls for one poll window so the user actually receives it (docs/gateway.md).
/// </summary>
public sealed class GatewayShutdownTests
{
    [Fact]
    public async Task A_gateway_user_polling_after_shutdown_began_gets_OUT_SSD_and_Session_close()
    {
        // A window far longer than a loaded machine needs; shutdown goes on as soon as Alice has polled.
        await using var server = await TestServer.StartAsync(o => o.Gateway.ShutdownPollWindow = TimeSpan.FromMinutes(2));
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        await using var bob = await SignIn.TweenerAsync(server, "bob@example.com");
        using var alice = new GatewayPeer(server);
        await alice.SignInAsync(server, "alice@example.com");

        var stopping = server.Host.StopAsync();

        // Shutdown has begun once the TCP user is told; the gateway user polls after that.
        Assert.Equal("OUT SSD", await bob.ReadLineStartingWithAsync("OUT "));

        // Alice's session writes OUT SSD and then ends; a poll between the two gets the line without
        // Session=close, and the next one the close. She polls as a client does until the session closes.
        var received = new System.Text.StringBuilder();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        GatewayAnswer poll;
        do
        {
            poll = await alice.PollAsync();
            Assert.Equal(HttpStatusCode.OK, poll.Status);
            received.Append(poll.Text);
            if (!poll.Closes)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
            }
        }
        while (!poll.Closes);

        Assert.Contains("OUT SSD\r\n", received.ToString(), StringComparison.Ordinal);
        await stopping;
    }
}
