using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Gateway;
using Msnp.Server.Tests.Support;
using Xunit.Abstractions;

namespace Msnp.Server.Tests.Gateway;

// The measurement is process-wide: other tests running alongside would count towards it.
[Collection(nameof(GatewayMemoryCollection))]
public sealed class GatewayMemoryTests(ITestOutputHelper output)
{
    private const int Sessions = 100;

    /// <summary>
    /// Signed-in gateway sessions that nobody polls hold a bounded, small amount of memory: the
    /// pipes give their segments back once drained, and nothing is kept per request. The figure
    /// is printed for docs/gateway.md; the bound is several times the measured value.
    /// </summary>
    [Fact]
    public async Task An_idle_signed_in_gateway_session_holds_a_bounded_amount_of_memory()
    {
        await using var server = await TestServer.StartAsync(o => o.Gateway.IdleTimeout = TimeSpan.FromMinutes(10));
        for (var i = 0; i <= Sessions; i++)
        {
            await SignIn.CreateAccountAsync(server, $"user{i}@example.com", "pw", $"User{i}");
        }

        // Warm up: the first session loads code and fills pools that later sessions share.
        await SignInAndLeaveIdleAsync(server, "user0@example.com");
        var before = Measure();
        for (var i = 1; i <= Sessions; i++)
        {
            await SignInAndLeaveIdleAsync(server, $"user{i}@example.com");
        }

        var after = Measure();
        Assert.Equal(Sessions + 1, server.Host.Services.GetRequiredService<GatewaySessions>().Count);
        var perSession = (after - before) / Sessions;
        output.WriteLine($"Retained per idle signed-in gateway session: {perSession} bytes ({Sessions} sessions, {after - before} bytes in all)");
        Assert.InRange(perSession, 0, 64 * 1024);
    }

    private static async Task SignInAndLeaveIdleAsync(TestServer server, string email)
    {
        // The HTTP connection closes with the peer; the session lives on, idle, on the server.
        using var peer = new GatewayPeer(server);
        await peer.SignInAsync(server, email);
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>Runs the memory measurement on its own, after the parallel tests.</summary>
[CollectionDefinition(nameof(GatewayMemoryCollection), DisableParallelization = true)]
public sealed class GatewayMemoryCollection;
