using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// The directory and the delivery replaced through DI by ones that pass every record and
/// notification through JSON, as a second node would: nothing may depend on object identity.
/// </summary>
public sealed class OutOfProcessDeliveryTests
{
    [Fact]
    public async Task MSNP8_and_MSNP12_users_see_each_other_ring_and_chat_with_everything_passed_through_json()
    {
        JsonRoundTripDelivery? delivery = null;
        await using var scene = await Scene.StartAsync(null, services =>
        {
            services.AddSingleton<IPresenceDirectory>(_ => new JsonRoundTripDirectory(new InProcessPresenceDirectory()));
            services.AddSingleton<INotificationDelivery>(sp => delivery = new JsonRoundTripDelivery(
                new InProcessNotificationDelivery(sp.GetRequiredService<LocalEndpoints>(), sp.GetRequiredService<IPresenceDirectory>())));
        }, "alice", "bob");
        Assert.IsType<JsonRoundTripDirectory>(scene.Server.Host.Services.GetRequiredService<IPresenceDirectory>());
        var directory = scene.Server.Host.Services.GetRequiredService<IPresenceDirectory>();
        var alice = await scene.SignInAsync("alice", "MSNP8");
        var bob = await scene.SignInAsync("bob", "MSNP12");
        await PresenceDirectoryTests.SignedInAsync(directory, "alice@example.com");
        await PresenceDirectoryTests.SignedInAsync(directory, "bob@example.com");

        // Each adds the other; the reverse-list notice reaches each in its own dialect.
        await alice.SendAsync("ADD 5 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 5 FL 1 bob@example.com Bob 0");
        Assert.Equal("ADC 0 RL N=alice@example.com F=Alice", await bob.ReadLineStartingWithAsync("ADC 0 RL "));
        await bob.SendAsync("ADC 5 FL N=alice@example.com F=Alice\r\n");
        await bob.ReadLineStartingWithAsync("ADC 5 FL N=alice@example.com F=Alice C=");
        Assert.StartsWith("ADD 0 RL ", await alice.ReadLineStartingWithAsync("ADD 0 RL "));

        await alice.SendAsync("CHG 7 NLN 0\r\n");
        await alice.ExpectAsync("CHG 7 NLN 0");
        await alice.SkipChallengeAsync();
        await bob.SendAsync("CHG 7 NLN 268435456\r\n");
        await bob.ExpectAsync("CHG 7 NLN 268435456", "ILN 7 NLN alice@example.com Alice 0");
        await PresenceDirectoryTests.SkipMailDataAsync(bob);
        await bob.SkipChallengeAsync();
        await alice.ExpectAsync("NLN NLN bob@example.com Bob 268435456");

        // A personal message: UBX for the MSNP12 watcher only, so alice hears nothing of it.
        var psm = Encoding.UTF8.GetBytes("<Data><PSM>Out of process</PSM><CurrentMedia></CurrentMedia></Data>");
        await bob.SendAsync([.. Encoding.ASCII.GetBytes($"UUX 8 {psm.Length}\r\n"), .. psm]);
        await bob.ExpectAsync("UUX 8 0");
        await alice.SendAsync("CHG 8 AWY 0\r\n");
        await alice.ExpectAsync("CHG 8 AWY 0");
        Assert.Equal("NLN AWY alice@example.com Alice 0", await bob.ReadLineStartingWithAsync("NLN "));

        // Alice rings bob through the delivery; they chat both ways.
        var aliceSb = await Chat.OpenAsync(scene.Server, alice, "alice@example.com");
        await aliceSb.SendAsync("CAL 2 bob@example.com\r\n");
        await aliceSb.ReadLineStartingWithAsync("CAL 2 RINGING ");
        var (bobSb, roster) = await Chat.AnswerAsync(scene.Server, bob, "bob@example.com");
        Assert.Equal(["IRO 1 1 1 alice@example.com Alice 0"], roster);
        await aliceSb.ExpectAsync("JOI bob@example.com Bob");
        await Chat.SendTextAsync(aliceSb, 3, 'A', "across the wire");
        var (sender, _, payload) = await Chat.ReceiveAsync(bobSb);
        Assert.Equal("alice@example.com", sender);
        Assert.EndsWith("across the wire", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        await aliceSb.ExpectAsync("ACK 3");
        await Chat.SendTextAsync(bobSb, 2, 'N', "and back");
        Assert.Equal("bob@example.com", (await Chat.ReceiveAsync(aliceSb)).Sender);

        // Alice leaves: bob sees her go offline.
        await alice.SendAsync("OUT\r\n");
        Assert.Equal("FLN alice@example.com", await bob.ReadLineStartingWithAsync("FLN "));

        Assert.NotNull(delivery);
        foreach (var type in new[] { typeof(ReverseListAddedNotification), typeof(PresenceNotification), typeof(PersonalStatusNotification), typeof(RingNotification), typeof(OfflineNotification) })
        {
            Assert.True(delivery.Carried.GetValueOrDefault(type) > 0, $"no {type.Name} went through the delivery");
        }

        await aliceSb.DisposeAsync();
        await bobSb.DisposeAsync();
    }

    [Fact]
    public async Task A_second_sign_in_signs_the_first_out_through_the_replaced_delivery()
    {
        JsonRoundTripDelivery? delivery = null;
        await using var scene = await Scene.StartAsync(null, services =>
        {
            services.AddSingleton<IPresenceDirectory>(_ => new JsonRoundTripDirectory(new InProcessPresenceDirectory()));
            services.AddSingleton<INotificationDelivery>(sp => delivery = new JsonRoundTripDelivery(
                new InProcessNotificationDelivery(sp.GetRequiredService<LocalEndpoints>(), sp.GetRequiredService<IPresenceDirectory>())));
        }, "alice");
        var first = await scene.SignInAsync("alice", "MSNP12");
        await PresenceDirectoryTests.SignedInAsync(scene.Server.Host.Services.GetRequiredService<IPresenceDirectory>(), "alice@example.com");
        _ = await scene.SignInAsync("alice", "MSNP8");

        Assert.Equal("OUT OTH", await first.ReadLineAsync());
        Assert.True(await first.IsClosedAsync());
        Assert.Equal(1, delivery!.Carried.GetValueOrDefault(typeof(SignOutNotification)));
    }
}
