using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Gateway;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Gateway;

public sealed class GatewayErrorTests
{
    [Fact]
    public async Task Malformed_requests_get_clear_http_errors_and_nothing_else_is_affected()
    {
        await using var server = await TestServer.StartAsync(o => o.Gateway.MaxRequestBodyBytes = 4096);
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        await using var tcp = await SignIn.TweenerAsync(server, "bob@example.com");
        using var alice = new GatewayPeer(server);
        await alice.SignInAsync(server, "alice@example.com");
        var sessions = server.Host.Services.GetRequiredService<GatewaySessions>();
        var id = alice.SessionId!;

        var get = await alice.PostAsync($"SessionID={id}", [], HttpMethod.Get);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
        Assert.Contains("only POST", get.Text, StringComparison.Ordinal);

        await AssertRefusedAsync(alice, string.Empty, HttpStatusCode.BadRequest, "SessionID is missing");
        await AssertRefusedAsync(alice, "Action=poll", HttpStatusCode.BadRequest, "SessionID is missing");
        await AssertRefusedAsync(alice, "SessionID=00112233445566778899aabbccddeeff", HttpStatusCode.BadRequest, "Unknown or expired SessionID");
        await AssertRefusedAsync(alice, $"Action=close&SessionID={id}", HttpStatusCode.BadRequest, "Action must be open or poll");
        await AssertRefusedAsync(alice, "Action=open&Server=XX&IP=127.0.0.1", HttpStatusCode.BadRequest, "Server=NS or Server=SB");
        await AssertRefusedAsync(alice, "Action=open&IP=127.0.0.1", HttpStatusCode.BadRequest, "Server=NS or Server=SB");

        var oversized = Encoding.ASCII.GetBytes("SYN 9 0\r\n" + new string('x', 5000));
        var big = await alice.PostAsync($"SessionID={id}", oversized);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);
        Assert.Contains("limited to 4096 bytes", big.Text, StringComparison.Ordinal);
        var bigOpen = await alice.PostAsync("Action=open&Server=NS&IP=127.0.0.1", oversized);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigOpen.Status);

        // The refused requests changed nothing: the session keeps its SessionID and works, and so does the TCP user.
        Assert.Equal(id, alice.SessionId);
        await alice.SendAsync("SYN 6 0\r\n");
        Assert.StartsWith("SYN 6 ", await alice.ReadLineStartingWithAsync("SYN 6 "));
        await tcp.SendAsync("SYN 6 0\r\n");
        Assert.StartsWith("SYN 6 ", await tcp.ReadLineStartingWithAsync("SYN 6 "));
        await GatewaySessionTests.Eventually(() => sessions.Count == 1);
    }

    private static async Task AssertRefusedAsync(GatewayPeer peer, string query, HttpStatusCode status, string reason)
    {
        var answer = await peer.PostAsync(query, Encoding.ASCII.GetBytes("SYN 7 0\r\n"));
        Assert.Equal(status, answer.Status);
        Assert.Contains(reason, answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.SessionId);
    }
}
