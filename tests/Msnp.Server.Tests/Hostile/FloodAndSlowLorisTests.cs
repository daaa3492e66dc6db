using System.Diagnostics;
using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>Floods of valid commands, byte-at-a-time peers and lines that never end: the attacker is slowed or dropped, others keep chatting.</summary>
public sealed class FloodAndSlowLorisTests
{
    [Fact]
    public async Task A_notification_command_flood_is_paced_not_dropped_and_others_keep_chatting()
    {
        const int burst = 10;
        const double perSecond = 20;
        const int count = 50;
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.NotificationCommandBurst = burst;
            o.Limits.NotificationCommandsPerSecond = perSecond;
        });
        var mallory = await world.Scene.SignInAsync("mallory");

        // The sign-in used a few tokens; wait for the bucket to refill, then flood.
        await Task.Delay(TimeSpan.FromSeconds(burst / perSecond));
        var flood = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            flood.Append(FormattableString.Invariant($"PNG\r\n"));
        }

        var clock = Stopwatch.StartNew();
        await mallory.SendAsync(flood.ToString());
        await world.AssertStillRelayingAsync();
        for (int i = 0; i < count; i++)
        {
            Assert.StartsWith("QNG", await mallory.ReadLineStartingWithAsync("QNG"));
        }

        // A lower bound only: commands past the burst cannot be answered faster than the rate.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(((count - burst) / perSecond) - 0.2), $"{count} commands answered in {clock.Elapsed}");
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_switchboard_message_flood_does_not_stop_other_conversations()
    {
        await using var world = await Bystanders.StartAsync();
        var mallory = await world.Scene.SignInAsync("mallory");
        var carol = await world.Scene.SignInAsync("carol");
        await Chat.GoOnlineAsync(mallory);
        await Chat.GoOnlineAsync(carol);
        await using var malSb = await Chat.OpenAsync(world.Server, mallory, "mallory@example.com");
        await using var carolSb = await Chat.InviteAsync(world.Server, malSb, 2, carol, "carol@example.com");

        // Carol reads nothing while Mallory floods: back-pressure, then Carol may be dropped as stalled.
        var payload = Encoding.ASCII.GetBytes(Chat.Body(new string('x', 1000)));
        var flood = new List<byte>();
        for (int i = 0; i < 2000; i++)
        {
            flood.AddRange(Chat.Message(10 + i, 'U', payload));
        }

        var sending = malSb.SendAsync(flood.ToArray());
        for (int i = 0; i < 5; i++)
        {
            await world.AssertStillRelayingAsync();
        }

        await malSb.DisposeAsync();
        await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(5)));
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_byte_a_tick_client_is_dropped_at_the_sign_in_deadline()
    {
        await using var world = await Bystanders.StartAsync(o => o.SignInTimeout = TimeSpan.FromSeconds(3));
        await using var loris = await LineClient.ConnectAsync(world.Server.Host.Endpoints.NotificationPort);

        // A VER line that never ends: well inside the line limit for as long as the test runs.
        var bytes = Encoding.ASCII.GetBytes("VER 1 MSNP8 MSNP7 MSNP6 MSNP5 MSNP4 MSNP3 MSNP2 ");
        var closed = loris.IsClosedAsync(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        for (int i = 0; !closed.IsCompleted; i++)
        {
            try
            {
                await loris.SendAsync([bytes[i % bytes.Length]]);
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(closed, Task.Delay(200));
        }

        Assert.True(await closed, "the slow client was never dropped");

        // Not dropped for anything else: only the deadline can close it, and not before it passed.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"dropped after {clock.Elapsed}");
        await world.AssertStillRelayingAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_line_that_never_ends_is_cut_off_at_the_line_limit(int signedIn)
    {
        await using var world = await Bystanders.StartAsync();
        var mallory = signedIn == 1
            ? await world.Scene.SignInAsync("mallory")
            : await world.Scene.ConnectAsync();

        try
        {
            for (int i = 0; i < 64; i++)
            {
                await mallory.SendAsync(Encoding.ASCII.GetBytes(new string('A', 1024)));
            }
        }
        catch (IOException)
        {
        }

        Assert.True(await mallory.IsClosedAsync(), "an endless line was buffered instead of cut off");
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_negative_payload_length_closes_the_connection_at_once()
    {
        await using var world = await Bystanders.StartAsync();
        var mallory = await world.Scene.SignInAsync("mallory");
        await Chat.GoOnlineAsync(mallory);
        await using var sb = await Chat.OpenAsync(world.Server, mallory, "mallory@example.com");

        await sb.SendAsync("MSG 1 N -100\r\n");
        Assert.True(await sb.IsClosedAsync());
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_switchboard_connection_that_never_authenticates_is_dropped()
    {
        await using var world = await Bystanders.StartAsync(o => o.SwitchboardAuthenticationTimeout = TimeSpan.FromSeconds(2));
        await using var idle = await LineClient.ConnectAsync(world.Server.Host.Endpoints.SwitchboardPort);
        await idle.SendAsync("US");
        Assert.True(await idle.IsClosedAsync(TimeSpan.FromSeconds(30)));
        await world.AssertStillRelayingAsync();
    }
}
