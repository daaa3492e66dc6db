using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Gateway;
using Msnp.Server.Presence;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Gateway;

public sealed class GatewaySessionTests
{
    [Fact]
    public async Task Signing_in_over_the_gateway_rotates_the_session_id_and_reports_client_port_0()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        using var alice = new GatewayPeer(server);

        var open = await alice.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n");
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Equal("application/x-msn-messenger", open.ContentType);
        Assert.Equal($"127.0.0.1:{alice.Port}", open.GatewayIp);
        Assert.False(open.Closes);
        Assert.Equal("VER 1 MSNP8 CVR0", await alice.ReadLineAsync());

        var first = alice.SessionId!;
        var cvr = await alice.SendAsync("CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com\r\n");
        Assert.Equal(HttpStatusCode.OK, cvr.Status);
        Assert.NotEqual(first, alice.SessionId);
        Assert.StartsWith("CVR 2 ", await alice.ReadLineAsync());

        // The old SessionID stopped working with the response that replaced it.
        var stale = await alice.PostAsync($"Action=poll&SessionID={first}", []);
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Contains("Unknown or expired SessionID", stale.Text, StringComparison.Ordinal);

        await alice.SendAsync("USR 3 TWN I alice@example.com\r\n");
        Assert.StartsWith("USR 3 TWN S ", await alice.ReadLineAsync());
        var ticket = await Support.SignIn.TicketAsync(server, "alice@example.com");
        await alice.SendAsync($"USR 4 TWN S {ticket}\r\n");
        Assert.StartsWith("USR 4 OK alice@example.com Alice", await alice.ReadLineAsync());
        var msg = await alice.ReadLineAsync();
        var profile = await alice.ReadBytesAsync(int.Parse(msg["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("ClientPort: 0\r\n", profile, StringComparison.Ordinal);
        Assert.Contains("ClientIP: 127.0.0.1\r\n", profile, StringComparison.Ordinal);

        await alice.SendAsync("SYN 5 0\r\n");
        Assert.StartsWith("SYN 5 ", await alice.ReadLineAsync());
        Assert.Equal(alice.SessionIds.Count, alice.SessionIds.Distinct().Count());
        Assert.All(alice.SessionIds, id => Assert.Equal(32, id.Length));
    }

    [Fact]
    public async Task A_second_outstanding_request_gets_400_and_the_first_still_completes()
    {
        await using var server = await TestServer.StartAsync();
        using var peer = new GatewayPeer(server);
        await peer.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n");
        Assert.Equal("VER 1 MSNP8 CVR0", await peer.ReadLineAsync());
        var id = peer.SessionId!;

        // The first request sends its headers and half its body, then waits: it is outstanding.
        var body = Encoding.ASCII.GetBytes("CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS a@example.com\r\n");
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, peer.Port);
        var stream = slow.GetStream();
        var head = $"POST /gateway/gateway.dll?SessionID={id} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-msn-messenger\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, 10));
        var sessions = server.Host.Services.GetRequiredService<GatewaySessions>();
        await Eventually(() => sessions.Find(id)?.IsBusy == true);

        var second = await peer.PostAsync($"Action=poll&SessionID={id}", []);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Contains("still outstanding", second.Text, StringComparison.Ordinal);

        await stream.WriteAsync(body.AsMemory(10));
        var response = await ReadHttpResponseAsync(stream);
        Assert.StartsWith("HTTP/1.1 200 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nCVR 2 ", "\r\n" + response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_that_stops_polling_expires_and_its_user_is_signed_out()
    {
        await using var server = await TestServer.StartAsync(o => o.Gateway.IdleTimeout = TimeSpan.FromSeconds(2));
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        await using var bob = await SignIn.TweenerAsync(server, "bob@example.com");
        await bob.SendAsync("ADD 5 FL alice@example.com Alice\r\n");
        await bob.ReadLineStartingWithAsync("ADD 5 ");
        await bob.SendAsync("CHG 6 NLN 0\r\n");
        await bob.ReadLineStartingWithAsync("CHG 6 ");

        using var alice = new GatewayPeer(server);
        await alice.SignInAsync(server, "alice@example.com");
        await alice.SendAsync("CHG 5 NLN 0\r\n");
        Assert.StartsWith("CHG 5 NLN", await alice.ReadLineStartingWithAsync("CHG 5 "));
        Assert.StartsWith("NLN NLN alice@example.com ", await bob.ReadLineStartingWithAsync("NLN "));

        // Alice stops polling: after the idle timeout her session ends as a dropped socket would.
        Assert.StartsWith("FLN alice@example.com", await bob.ReadLineStartingWithAsync("FLN "));
        var directory = server.Host.Services.GetRequiredService<IPresenceDirectory>();
        await EventuallyAsync(async () => await directory.FindAsync("alice@example.com") is null);
        var late = await alice.PollAsync();
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Contains("Unknown or expired SessionID", late.Text, StringComparison.Ordinal);
        Assert.Equal(0, server.Host.Services.GetRequiredService<GatewaySessions>().Count);
    }

    [Fact]
    public async Task Png_over_the_gateway_gets_an_http_error_and_ends_the_session()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        using var alice = new GatewayPeer(server);
        await alice.SignInAsync(server, "alice@example.com");

        var png = await alice.SendAsync("PNG\r\n");
        Assert.Equal(HttpStatusCode.BadRequest, png.Status);
        Assert.Contains("PNG is not allowed", png.Text, StringComparison.Ordinal);
        Assert.True(png.Closes);

        var after = await alice.PollAsync();
        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        var directory = server.Host.Services.GetRequiredService<IPresenceDirectory>();
        await EventuallyAsync(async () => await directory.FindAsync("alice@example.com") is null);
    }

    [Fact]
    public async Task Out_ends_the_session_with_session_close()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        using var alice = new GatewayPeer(server);
        await alice.SignInAsync(server, "alice@example.com");

        var answer = await alice.SendAsync("OUT\r\n");
        while (answer.Status == HttpStatusCode.OK && !answer.Closes)
        {
            answer = await alice.PollAsync();
        }

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Closes);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PollAsync()).Status);
        await Eventually(() => server.Host.Services.GetRequiredService<GatewaySessions>().Count == 0);
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 30 s.");
            await Task.Delay(20);
        }
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 30 s.");
            await Task.Delay(20);
        }
    }

    private static async Task<string> ReadHttpResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString(buffer.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var lengthLine = text[..end].Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (buffer.Count >= end + 4 + length)
                {
                    return text[..(end + 4 + length)];
                }
            }

            var read = await stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }
    }
}
