using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Hosting;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Switchboard;

/// <summary>The switchboard's idle deadline on a manual clock: a participant who only sends MSG is not silent.</summary>
public sealed class SwitchboardIdleTests
{
    private static readonly TimeSpan Idle = new MsnpServerOptions().SwitchboardIdleTimeout;

    [Fact]
    public async Task Participants_who_keep_sending_messages_stay_past_the_idle_timeout_and_are_dropped_once_silent()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scene = await Scene.StartWithClockAsync(clock, "alice", "bob");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        await using var sbAlice = await Chat.OpenAsync(scene.Server, alice, Scene.Email("alice"));
        await using var sbBob = await Chat.InviteAsync(scene.Server, sbAlice, 2, bob, Scene.Email("bob"));

        // Three rounds of most of the timeout each, every one with a message from both: the ACK each
        // sender reads comes after its deadline moved, so the clock is advanced only after both.
        for (var round = 0; round < 3; round++)
        {
            await ExchangeAsync(sbAlice, sbBob, 10 + round);
            await ExchangeAsync(sbBob, sbAlice, 10 + round);
            clock.Advance(Idle - TimeSpan.FromMinutes(1));
        }

        await ExchangeAsync(sbAlice, sbBob, 20);

        // Silent for the whole timeout: both are dropped.
        clock.Advance(Idle);
        Assert.True(await sbAlice.IsClosedAsync());
        Assert.True(await sbBob.IsClosedAsync());
    }

    private static async Task ExchangeAsync(LineClient from, LineClient to, int trId)
    {
        await Chat.SendTextAsync(from, trId, 'A', "still here");
        var (_, _, payload) = await Chat.ReceiveAsync(to);
        Assert.Equal(Chat.Body("still here"), System.Text.Encoding.UTF8.GetString(payload));
        Assert.Equal($"ACK {trId}", await from.ReadLineAsync());
    }
}
