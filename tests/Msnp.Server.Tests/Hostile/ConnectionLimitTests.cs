using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>Connection limits per server and per address (docs/limits.md): a refused connection is closed right after accept.</summary>
public sealed class ConnectionLimitTests
{
    private static async Task<LineClient> AcceptedAsync(int port)
    {
        var client = await LineClient.ConnectAsync(port);
        await client.SendAsync("VER 1 MSNP8 CVR0\r\n");
        Assert.Equal("VER 1 MSNP8 CVR0", await client.ReadLineAsync());
        return client;
    }

    // A refused connection is accepted by the OS and then closed without a byte from the server.
    private static async Task AssertRefusedAsync(int port)
    {
        await using var refused = await LineClient.ConnectAsync(port);
        Assert.True(await refused.IsClosedAsync(), "the connection over the limit was not closed");
    }

    // Releasing happens when the server notices the close; retry until a new connection gets in.
    private static async Task<LineClient> EventuallyAcceptedAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var client = await LineClient.ConnectAsync(port);
            try
            {
                await client.SendAsync("VER 1 MSNP8 CVR0\r\n");
                if (await client.ReadLineAsync() == "VER 1 MSNP8 CVR0")
                {
                    return client;
                }
            }
            catch (IOException)
            {
            }

            await client.DisposeAsync();
            Assert.True(DateTime.UtcNow < deadline, "no connection was accepted after one closed");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Connections_over_the_per_address_limit_are_closed_on_every_port_and_a_freed_slot_is_reusable()
    {
        // The bystanders hold 4 connections from 127.0.0.1; the attacker gets the other 3.
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.ExemptLoopback = false;
            o.Limits.MaxConnectionsPerAddress = 7;
        });
        var ports = world.Server.Host.Endpoints;
        var held = new List<LineClient>
        {
            await AcceptedAsync(ports.NotificationPort),
            await AcceptedAsync(ports.DispatchPort),
            await AcceptedAsync(ports.NotificationPort),
        };

        await AssertRefusedAsync(ports.NotificationPort);
        await AssertRefusedAsync(ports.DispatchPort);
        await AssertRefusedAsync(ports.SwitchboardPort);
        await world.AssertStillRelayingAsync();

        await held[0].DisposeAsync();
        held[0] = await EventuallyAcceptedAsync(ports.NotificationPort);
        await world.AssertStillRelayingAsync();
        foreach (var client in held)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Loopback_is_exempt_from_the_per_address_limit_by_default_but_not_from_the_total()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.MaxConnectionsPerAddress = 1;
            o.Limits.MaxConnections = 6;
        });
        var port = world.Server.Host.Endpoints.NotificationPort;
        await using var first = await AcceptedAsync(port);
        await using var second = await AcceptedAsync(port);

        await AssertRefusedAsync(port);
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Half_open_connections_are_bounded_by_the_address_limit_and_dropped_at_the_sign_in_deadline()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.ExemptLoopback = false;
            o.Limits.MaxConnectionsPerAddress = 9;
            // Long enough that the silent connections are still counted when the probe arrives on a busy machine.
            o.SignInTimeout = TimeSpan.FromSeconds(15);
        });
        var port = world.Server.Host.Endpoints.NotificationPort;

        // Silent connections: they never send a byte.
        var silent = new List<LineClient>();
        for (int i = 0; i < 5; i++)
        {
            silent.Add(await LineClient.ConnectAsync(port));
        }

        await EventuallyRefusedAsync(port);
        foreach (var client in silent)
        {
            Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(30)), "a silent connection outlived the sign-in deadline");
            await client.DisposeAsync();
        }

        await using var again = await EventuallyAcceptedAsync(port);
        await world.AssertStillRelayingAsync();
    }

    // Connect() returns before the server's accept loop has counted the earlier silent connections.
    private static async Task EventuallyRefusedAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var client = await LineClient.ConnectAsync(port);
            if (await client.IsClosedAsync(TimeSpan.FromSeconds(1)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the address limit never refused a connection");
        }
    }
}
