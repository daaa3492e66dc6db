using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>Stopping the host tells every signed-in user <c>OUT SSD</c> (catalogue §5.12).</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_sends_OUT_SSD_to_signed_in_users_and_closes_every_connection()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice", "MSNP9");
        var bob = await scene.SignInAsync("bob", "MSNP5");
        await bob.SendAsync("CHG 5 NLN\r\n");
        await bob.ExpectAsync("CHG 5 NLN");
        var pending = await scene.ConnectAsync();
        await pending.SendAsync("VER 1 MSNP8\r\n");
        await pending.ExpectAsync("VER 1 MSNP8");

        // Read while the host stops, as running clients do.
        var stopping = scene.Server.Host.StopAsync();

        await alice.ExpectAsync("OUT SSD");
        Assert.True(await alice.IsClosedAsync());
        await bob.ExpectAsync("OUT SSD");
        Assert.True(await bob.IsClosedAsync());

        // Not signed in: closed without a sign-out line, and promptly, so the host stops promptly.
        Assert.Null(await pending.ReadLineAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
