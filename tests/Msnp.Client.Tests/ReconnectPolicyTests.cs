using Microsoft.Extensions.DependencyInjection;
using Msnp.Client.Reconnection;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Client.Tests;

/// <summary><see cref="MsnpClientOptions.Reconnect"/> against a real server: signs in again after a drop, bounded, with events.</summary>
public sealed class ReconnectPolicyTests
{
    // Waits of zero length: the tests wait for events, not for time.
    private static readonly ReconnectPolicy Quick = new() { MaxAttempts = 3, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

    [Fact]
    public async Task After_the_server_drops_the_session_the_client_signs_in_again_and_restores_its_status()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = new MsnpClient(Accounts.Options(server, "alice@example.com") with { Reconnect = Quick });
        var reconnecting = new TaskCompletionSource<ReconnectingEventArgs>();
        var reconnected = new TaskCompletionSource<ReconnectedEventArgs>();
        alice.Reconnecting += (_, e) => reconnecting.TrySetResult(e);
        alice.Reconnected += (_, e) => reconnected.TrySetResult(e);
        await alice.SignInAsync();
        await alice.SetStatusAsync(PresenceStatus.Busy);
        var presence = server.Host.Services.GetRequiredService<PresenceServices>();
        var first = (await presence.Directory.FindAsync("alice@example.com"))!.Current;

        Assert.True(await presence.Delivery.DeliverAsync(first.Address, new SignOutNotification(SignOutReason.ServerShutdown)));

        Assert.Equal(1, (await reconnecting.Within()).Attempt);
        Assert.Equal(1, (await reconnected.Within()).Attempts);
        Assert.True(alice.IsSignedIn);
        var second = (await presence.Directory.FindAsync("alice@example.com"))?.Current;
        Assert.NotNull(second);
        Assert.NotEqual(first.EndpointId, second.EndpointId);
        Assert.Equal(PresenceStatus.Busy, second.Status);
    }

    [Fact]
    public async Task Attempts_are_bounded_and_giving_up_is_an_event()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = new MsnpClient(Accounts.Options(server, "alice@example.com") with { Reconnect = Quick });
        var attempts = new List<int>();
        var failed = new TaskCompletionSource<ReconnectFailedEventArgs>();
        alice.Reconnecting += (_, e) => { lock (attempts) { attempts.Add(e.Attempt); } };
        alice.ReconnectFailed += (_, e) => failed.TrySetResult(e);
        await alice.SignInAsync();

        // The password changes while signed in, so every attempt is refused.
        Assert.True(await server.Host.Services.GetRequiredService<IAccountStore>().SetPasswordAsync("alice@example.com", "a new one"));
        var delivery = server.Host.Services.GetRequiredService<INotificationDelivery>();
        Assert.Equal(1, await delivery.DeliverToAccountAsync("alice@example.com", new SignOutNotification(SignOutReason.ServerShutdown)));

        var gaveUp = await failed.Within();
        Assert.Equal(3, gaveUp.Attempts);
        Assert.NotNull(gaveUp.LastError);
        Assert.Equal([1, 2, 3], attempts);
        Assert.False(alice.IsSignedIn);
    }

    [Fact]
    public async Task Signing_out_or_being_signed_in_elsewhere_does_not_reconnect()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = new MsnpClient(Accounts.Options(server, "alice@example.com") with { Reconnect = Quick });
        var reconnecting = 0;
        alice.Reconnecting += (_, _) => Interlocked.Increment(ref reconnecting);
        var disconnected = new TaskCompletionSource();
        alice.Disconnected += (_, _) => disconnected.TrySetResult();
        await alice.SignInAsync();

        // OUT OTH: a second sign-in of the account pushes this one out.
        await using var elsewhere = await Accounts.SignInAsync(server, "alice@example.com");
        await disconnected.Task.Within();

        // The disconnect handlers have all run; a reconnect would have started from them.
        Assert.Equal(0, Volatile.Read(ref reconnecting));
        Assert.False(alice.IsSignedIn);
    }

    [Theory]
    [InlineData(1, 0.5, 1000)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(4, 0.5, 8000)]
    [InlineData(10, 0.5, 30000)]
    [InlineData(1, 0.0, 800)]
    [InlineData(1, 1.0, 1200)]
    public void Delays_grow_exponentially_up_to_the_cap_with_bounded_jitter(int attempt, double random, double milliseconds) =>
        Assert.Equal(milliseconds, new ReconnectPolicy().DelayFor(attempt, random).TotalMilliseconds, 3);
}
