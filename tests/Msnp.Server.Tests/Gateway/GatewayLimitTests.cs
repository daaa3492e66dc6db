using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Auth;
using Msnp.Server.Gateway;
using Msnp.Server.Limits;
using Msnp.Server.Tests.Hostile;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Gateway;

/// <summary>
/// The limits of docs/limits.md applied to gateway sessions over real HTTP: each answers its
/// documented HTTP status or protocol reply, and Alice and Bob (TCP) keep chatting meanwhile.
/// </summary>
public sealed class GatewayLimitTests
{
    private static readonly IPAddress OtherLoopback = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Sessions_count_under_the_http_clients_address_and_a_refused_open_is_a_503_with_the_reason()
    {
        // The bystanders fill 127.0.0.1's four slots; the gateway client comes from 127.0.0.2.
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.ExemptLoopback = false;
            o.Limits.MaxConnectionsPerAddress = 4;
        });
        var limiter = world.Server.Host.Services.GetRequiredService<ConnectionLimiter>();
        var peers = new List<GatewayPeer>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var peer = new GatewayPeer(world.Server, OtherLoopback);
                peers.Add(peer);
                Assert.Equal(HttpStatusCode.OK, (await peer.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n")).Status);
                Assert.Equal("VER 1 MSNP8 CVR0", await peer.ReadLineAsync());
            }

            Assert.Equal(8, limiter.Count);
            using var refusedPeer = new GatewayPeer(world.Server, OtherLoopback);
            var refused = await refusedPeer.PostAsync("Action=open&Server=NS&IP=127.0.0.1", Encoding.ASCII.GetBytes("VER 1 MSNP8 CVR0\r\n"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
            Assert.Equal("text/plain", refused.ContentType);
            Assert.Contains("Too many connections from your address", refused.Text, StringComparison.Ordinal);
            Assert.Null(refused.SessionId);
            Assert.Equal(8, limiter.Count);

            // 127.0.0.1 is full too, over the gateway as over TCP: the count is one per address, whatever the transport.
            using var local = new GatewayPeer(world.Server);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await local.PostAsync("Action=open&Server=NS&IP=127.0.0.1", Encoding.ASCII.GetBytes("VER 1 MSNP8 CVR0\r\n"))).Status);

            // A session that ends frees its slot at once.
            var closing = await peers[0].SendAsync("OUT\r\n");
            Assert.Equal(HttpStatusCode.OK, closing.Status);
            await GatewaySessionTests.Eventually(() => limiter.Count == 7);
            Assert.Equal(HttpStatusCode.OK, (await refusedPeer.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n")).Status);
            Assert.Equal("VER 1 MSNP8 CVR0", await refusedPeer.ReadLineAsync());
            await world.AssertStillRelayingAsync();
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task The_server_wide_connection_limit_and_the_gateway_session_limit_each_answer_503()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.MaxConnections = 5;
            o.Gateway.MaxSessions = 1;
        });
        var sessions = world.Server.Host.Services.GetRequiredService<GatewaySessions>();
        using var first = new GatewayPeer(world.Server);
        Assert.Equal(HttpStatusCode.OK, (await first.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n")).Status);
        var overGateway = await first.PostAsync("Action=open&Server=NS&IP=127.0.0.1", Encoding.ASCII.GetBytes("VER 1 MSNP8 CVR0\r\n"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overGateway.Status);
        Assert.Contains("Too many gateway sessions", overGateway.Text, StringComparison.Ordinal);

        // The gateway session ends; a TCP connection takes the last server-wide slot, and the shared limit refuses the gateway.
        Assert.Equal(HttpStatusCode.OK, (await first.SendAsync("OUT\r\n")).Status);
        await GatewaySessionTests.Eventually(() => sessions.Count == 0);
        await using var tcp = await LineClient.ConnectAsync(world.Server.Host.Endpoints.NotificationPort);
        await tcp.SendAsync("VER 1 MSNP8 CVR0\r\n");
        Assert.Equal("VER 1 MSNP8 CVR0", await tcp.ReadLineAsync());
        var overServer = await first.PostAsync("Action=open&Server=NS&IP=127.0.0.1", Encoding.ASCII.GetBytes("VER 1 MSNP8 CVR0\r\n"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overServer.Status);
        Assert.Contains("connection limit", overServer.Text, StringComparison.Ordinal);
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Wrong_md5_passwords_and_bad_tickets_over_the_gateway_get_911_and_session_close_and_lock_the_account()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.SignInFreeFailures = 0;
            o.Limits.SignInBackoffBase = TimeSpan.FromMinutes(10);
            o.Limits.SignInBackoffMax = TimeSpan.FromMinutes(10);
        });
        var mallory = Scene.Email("mallory");

        using (var wrong = new GatewayPeer(world.Server))
        {
            Assert.Equal("911 4", await Md5OverGatewayAsync(wrong, mallory, "not-the-password"));
            await AssertClosedAsync(wrong);
        }

        // The account is locked now: even the right password gets 911, over the gateway and over TCP alike.
        using (var right = new GatewayPeer(world.Server))
        {
            Assert.Equal("911 4", await Md5OverGatewayAsync(right, mallory, Scene.Password));
            await AssertClosedAsync(right);
        }

        await using (var tcp = await LineClient.ConnectAsync(world.Server.Host.Endpoints.NotificationPort))
        {
            await tcp.SendAsync("VER 1 MSNP8 CVR0\r\n");
            await tcp.ReadLineAsync();
            await tcp.SendAsync($"USR 2 TWN I {mallory}\r\n");
            await tcp.ReadLineAsync();
            await tcp.SendAsync("USR 3 TWN S t=forged&p=forged\r\n");
            Assert.Equal("911 3", await tcp.ReadLineAsync());
        }

        using var ticket = new GatewayPeer(world.Server);
        Assert.Equal(HttpStatusCode.OK, (await ticket.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n")).Status);
        Assert.Equal("VER 1 MSNP8 CVR0", await ticket.ReadLineAsync());
        await ticket.SendAsync($"USR 2 TWN I {Scene.Email("carol")}\r\n");
        Assert.StartsWith("USR 2 TWN S ", await ticket.ReadLineAsync());
        await ticket.SendAsync("USR 3 TWN S t=forged&p=forged\r\n");
        Assert.Equal("911 3", await ticket.ReadLineAsync());
        await AssertClosedAsync(ticket);
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Command_pacing_slows_a_flooding_gateway_session_and_a_full_input_is_refused_with_429()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.NotificationCommandsPerSecond = 10;
            o.Limits.NotificationCommandBurst = 10;
            o.Gateway.MaxRequestBodyBytes = 512;
            o.Gateway.ProcessingTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var mallory = new GatewayPeer(world.Server);
        await mallory.SignInAsync(world.Server, Scene.Email("mallory"));

        // About 30 commands a body: three seconds of work each at 10 a second.
        var trId = 100;
        string Batch()
        {
            var text = new StringBuilder();
            while (text.Length < 480)
            {
                text.Append("CHG ").Append(trId++).Append(" NLN 0\r\n");
            }

            return text.ToString();
        }

        var started = Stopwatch.StartNew();
        var first = Batch();
        var lastOfFirst = trId - 1;
        Assert.Equal(HttpStatusCode.OK, (await mallory.SendAsync(first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await mallory.SendAsync(Batch())).Status);
        var lastTaken = trId - 1;

        // The session now holds about two bodies it has not handled: a third does not fit.
        var id = mallory.SessionId;
        var refused = await mallory.PostAsync($"SessionID={id}", Encoding.ASCII.GetBytes(Batch()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("still handling earlier commands", refused.Text, StringComparison.Ordinal);
        Assert.Null(refused.SessionId);

        // Meanwhile TCP users are served, and the session works through its input at its own pace.
        await world.AssertStillRelayingAsync();
        await mallory.ReadLineStartingWithAsync($"CHG {lastOfFirst} ");
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.5), $"30 paced commands took only {started.Elapsed}");
        await mallory.ReadLineStartingWithAsync($"CHG {lastTaken} ");
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Calls_over_a_gateway_switchboard_session_count_towards_the_users_rate_and_get_713()
    {
        await using var world = await Bystanders.StartAsync(o => o.Limits.CallBurst = 2);
        using var ns = new GatewayPeer(world.Server);
        await ns.SignInAsync(world.Server, Scene.Email("mallory"));
        using var sb = await OpenSwitchboardAsync(world.Server, ns, Scene.Email("mallory"));

        for (var trId = 2; trId <= 3; trId++)
        {
            await sb.SendAsync($"CAL {trId} {Scene.Email("carol")}\r\n");
            Assert.Equal($"217 {trId}", await sb.ReadLineAsync());
        }

        await sb.SendAsync($"CAL 4 {Scene.Email("carol")}\r\n");
        Assert.Equal("713 4", await sb.ReadLineAsync());
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_gateway_participant_that_never_polls_is_dropped_when_its_bounded_output_fills()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.OutputLimitBytes = 16 * 1024;
            o.StalledReceiverTimeout = TimeSpan.FromSeconds(1);
            o.Gateway.MaxQueuedResponseBytes = 4 * 1024;
            o.Gateway.IdleTimeout = TimeSpan.FromMinutes(5);
        });
        var carolNs = await world.Scene.SignInAsync("carol");
        await Chat.GoOnlineAsync(carolNs);
        using var ns = new GatewayPeer(world.Server);
        await ns.SignInAsync(world.Server, Scene.Email("mallory"));
        using var sb = await OpenSwitchboardAsync(world.Server, ns, Scene.Email("mallory"));
        await sb.SendAsync($"CAL 2 {Scene.Email("carol")}\r\n");
        Assert.StartsWith("CAL 2 RINGING ", await sb.ReadLineAsync());
        var (carolSb, _) = await Chat.AnswerAsync(world.Server, carolNs, Scene.Email("carol"));
        await using var carol = carolSb;
        await sb.ReadLineStartingWithAsync($"JOI {Scene.Email("carol")} ");

        // Carol sends far more than the gateway session may hold; Mallory never polls.
        var payload = Encoding.UTF8.GetBytes(Chat.Body(new string('x', 1000)));
        var flood = Task.Run(async () =>
        {
            try
            {
                for (var trId = 10; trId < 200; trId++)
                {
                    await carol.SendAsync(Chat.Message(trId, 'N', payload));
                }
            }
            catch (IOException)
            {
            }
        });
        Assert.StartsWith($"BYE {Scene.Email("mallory")}", await carol.ReadLineStartingWithAsync("BYE "));
        await flood;

        var answer = await sb.PostAsync($"Action=poll&SessionID={sb.SessionId}", []);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(answer.Closes);
        Assert.Contains("The session was ended", answer.Text, StringComparison.Ordinal);
        await world.AssertStillRelayingAsync();
        await carolNs.DisposeAsync();
    }

    [Fact]
    public async Task Sessions_opened_and_never_polled_expire_and_give_back_their_slots()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.ExemptLoopback = false;
            o.Limits.MaxConnectionsPerAddress = 10;
            o.Gateway.IdleTimeout = TimeSpan.FromSeconds(1);
        });
        var sessions = world.Server.Host.Services.GetRequiredService<GatewaySessions>();
        var limiter = world.Server.Host.Services.GetRequiredService<ConnectionLimiter>();
        using var peer = new GatewayPeer(world.Server, OtherLoopback);
        var ids = new List<string>();
        var started = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            var open = await peer.PostAsync("Action=open&Server=NS&IP=127.0.0.1", Encoding.ASCII.GetBytes("VER 1 MSNP8 CVR0\r\n"));
            Assert.Equal(HttpStatusCode.OK, open.Status);
            ids.Add(open.SessionId!);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await peer.PostAsync("Action=open&Server=NS&IP=127.0.0.1", Encoding.ASCII.GetBytes("VER 1 MSNP8 CVR0\r\n"))).Status);
        await GatewaySessionTests.Eventually(() => sessions.Count == 0 && limiter.Count == 4);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1), "sessions expired before their idle timeout");
        foreach (var id in ids)
        {
            var late = await peer.PostAsync($"Action=poll&SessionID={id}", []);
            Assert.Equal(HttpStatusCode.BadRequest, late.Status);
            Assert.Contains("Unknown or expired SessionID", late.Text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await peer.OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n")).Status);
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_body_dripped_one_byte_a_second_is_cut_off_with_408_and_the_session_survives()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Http.MinRequestBodyBytesPerSecond = 100;
            o.Http.MinRequestBodyGracePeriod = TimeSpan.FromSeconds(2);
        });
        using var mallory = new GatewayPeer(world.Server);
        await mallory.SignInAsync(world.Server, Scene.Email("mallory"));
        var id = mallory.SessionId;

        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, mallory.Port);
        var stream = socket.GetStream();
        var body = "SYN 20 0\r\n" + new string(' ', 40);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /gateway/gateway.dll?SessionID={id} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-msn-messenger\r\nContent-Length: {body.Length}\r\n\r\n"));
        var started = Stopwatch.StartNew();
        var response = await DripUntilAnsweredAsync(stream, body);
        Assert.StartsWith("HTTP/1.1 408 ", response, StringComparison.Ordinal);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2), "the body was cut off within its grace period");

        // The cut-off request took nothing: the session keeps its SessionID and works.
        Assert.Equal(id, mallory.SessionId);
        await mallory.SendAsync("SYN 21 0\r\n");
        await mallory.ReadLineStartingWithAsync("SYN 21 ");
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Headers_dripped_one_byte_a_second_are_cut_off_after_the_request_headers_timeout()
    {
        await using var world = await Bystanders.StartAsync(o => o.Http.RequestHeadersTimeout = TimeSpan.FromSeconds(1));
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, world.Server.Host.Endpoints.HttpPort);
        var stream = socket.GetStream();
        var started = Stopwatch.StartNew();
        var response = await DripUntilAnsweredAsync(stream, "POST /gateway/gateway.dll?Action=open&Server=NS HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + new string('a', 100));
        Assert.True(response.Length == 0 || response.StartsWith("HTTP/1.1 408 ", StringComparison.Ordinal), response);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1), "the headers were cut off before their timeout");
        Assert.Equal(0, world.Server.Host.Services.GetRequiredService<GatewaySessions>().Count);
        await world.AssertStillRelayingAsync();
    }

    // Sends one byte a second until the server answers or closes; returns the answer ("" for a bare close).
    private static async Task<string> DripUntilAnsweredAsync(NetworkStream stream, string text)
    {
        var buffer = new byte[4096];
        var received = new StringBuilder();
        var read = stream.ReadAsync(buffer).AsTask();
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            var tick = Task.Delay(TimeSpan.FromSeconds(1));
            if (await Task.WhenAny(read, tick) != tick)
            {
                break;
            }

            try
            {
                await stream.WriteAsync(new[] { b });
            }
            catch (IOException)
            {
                break;
            }
        }

        try
        {
            var n = await read.WaitAsync(TimeSpan.FromSeconds(30));
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        catch (IOException)
        {
        }

        return received.ToString();
    }

    private static async Task<string> Md5OverGatewayAsync(GatewayPeer peer, string email, string password)
    {
        Assert.Equal(HttpStatusCode.OK, (await peer.OpenAsync("NS", "VER 1 MSNP7\r\n")).Status);
        Assert.Equal("VER 1 MSNP7", await peer.ReadLineAsync());
        await peer.SendAsync("INF 2\r\n");
        Assert.Equal("INF 2 MD5", await peer.ReadLineAsync());
        await peer.SendAsync($"USR 3 MD5 I {email}\r\n");
        var challenge = (await peer.ReadLineAsync())["USR 3 MD5 S ".Length..];
        await peer.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, password)}\r\n");
        return await peer.ReadLineAsync();
    }

    // The session ends with Session=close on an answer, and its SessionID is then forgotten.
    private static async Task AssertClosedAsync(GatewayPeer peer)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!peer.Closed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the session was not closed");
            Assert.Equal(HttpStatusCode.OK, (await peer.PollAsync()).Status);
            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await peer.PostAsync($"Action=poll&SessionID={peer.SessionId}", [])).Status);
    }

    // Online, XFR SB over the gateway notification session, then a gateway switchboard session with the cookie.
    private static async Task<GatewayPeer> OpenSwitchboardAsync(TestServer server, GatewayPeer ns, string account)
    {
        await ns.SendAsync("CHG 59 NLN 0\r\n");
        await ns.ReadLineStartingWithAsync("CHG 59 ");
        await ns.SendAsync("XFR 60 SB\r\n");
        var xfr = (await ns.ReadLineStartingWithAsync("XFR 60 SB ")).Split(' ');
        var sb = new GatewayPeer(server);
        Assert.Equal(HttpStatusCode.OK, (await sb.OpenAsync("SB", $"USR 1 {account} {xfr[5]}\r\n")).Status);
        Assert.StartsWith($"USR 1 OK {account} ", await sb.ReadLineAsync());
        return sb;
    }
}
