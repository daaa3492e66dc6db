using System.Net;
using Msnp.Server.Limits;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Connections that have not signed in have a smaller cap of their own and a short deadline for
/// their first command, so idle connections cannot hold every slot (docs/limits.md).
/// </summary>
public sealed class UnauthenticatedConnectionTests
{
    [Fact]
    public async Task Idle_connections_fill_only_the_unauthenticated_cap_and_a_signed_in_user_frees_its_slot()
    {
        // Alice and Bob are signed in (4 connections) and do not count against the 3.
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.MaxUnauthenticatedConnections = 3;
            o.Limits.FirstCommandTimeout = TimeSpan.FromMinutes(10); // the idle ones must stay for the test
        });
        var port = world.Server.Host.Endpoints.NotificationPort;
        var idle = new List<LineClient>();
        for (int i = 0; i < 2; i++)
        {
            idle.Add(await AdmittedAsync(port));
        }

        // The third signs in, which gives its slot back: two more idle connections still fit beside it.
        await using var carol = await world.Scene.SignInAsync("carol");
        idle.Add(await AdmittedAsync(port));
        await RefusedAsync(port);
        foreach (var client in idle)
        {
            Assert.False(await client.IsClosedAsync(TimeSpan.FromMilliseconds(200)), "an idle connection inside the cap was closed");
        }

        await world.AssertStillRelayingAsync();
        await carol.SendAsync("PNG\r\n");
        Assert.StartsWith("QNG", await carol.ReadLineStartingWithAsync("QNG"));
        foreach (var client in idle)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_connection_that_sends_no_command_is_closed_at_the_first_command_deadline()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.FirstCommandTimeout = TimeSpan.FromSeconds(1);
            o.SignInTimeout = TimeSpan.FromMinutes(10);
        });
        await using var silent = await LineClient.ConnectAsync(world.Server.Host.Endpoints.NotificationPort);
        await using var partial = await LineClient.ConnectAsync(world.Server.Host.Endpoints.SwitchboardPort);
        await partial.SendAsync("USR 1 mallory@example.com"); // never finished

        // Long before the ten-minute sign-in deadline.
        Assert.True(await silent.IsClosedAsync(TimeSpan.FromSeconds(60)), "a silent connection outlived the first-command deadline");
        Assert.True(await partial.IsClosedAsync(TimeSpan.FromSeconds(60)), "an unfinished first command outlived the first-command deadline");
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public void IPv6_peers_in_one_64_count_as_one_address()
    {
        var limiter = new ConnectionLimiter(new ServerLimits { MaxConnectionsPerAddress = 2, ExemptLoopback = false });
        using var first = limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2::1"));
        using var second = limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2::abcd")));
        using var otherPrefix = limiter.TryAcquire(IPAddress.Parse("2001:db8:1:3::1"));
        Assert.NotNull(otherPrefix);
        using var ipv4 = limiter.TryAcquire(IPAddress.Parse("192.0.2.1"));
        using var mapped = limiter.TryAcquire(IPAddress.Parse("::ffff:192.0.2.1"));
        Assert.NotNull(mapped);
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("192.0.2.1")));
    }

    // Connections are admitted in whatever order their handlers run, not in connect order: each one
    // is known to hold its slot only once it has answered VER (which keeps it unauthenticated).
    private static async Task<LineClient> AdmittedAsync(int port)
    {
        var client = await LineClient.ConnectAsync(port);
        await client.SendAsync("VER 1 MSNP8\r\n");
        Assert.Equal("VER 1 MSNP8", await client.ReadLineAsync());
        return client;
    }

    // With every slot held by an admitted connection, the next one is closed without an answer.
    private static async Task RefusedAsync(int port)
    {
        await using var client = await LineClient.ConnectAsync(port);
        string? reply;
        try
        {
            await client.SendAsync("VER 1 MSNP8\r\n");
            reply = await client.ReadLineAsync();
        }
        catch (IOException)
        {
            reply = null; // reset by the server while we wrote or read
        }

        Assert.True(reply is null, $"the unauthenticated cap admitted a fourth connection (it answered '{reply}')");
    }
}
