using Msnp.Server.Connections.Transport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Connections;

/// <summary>
/// The MSNP listeners on both transports (Msnp's own, the default every other test uses, and
/// Kestrel's), and the own transport's reader with input that arrives in pieces.
/// </summary>
public class SocketTransportTests
{
    [Theory]
    [InlineData(MsnpTransport.Msnp)]
    [InlineData(MsnpTransport.Kestrel)]
    public async Task Either_transport_signs_in_relays_and_answers_pings(MsnpTransport transport)
    {
        await using var scene = await Scene.StartAsync(o => o.Transport = transport, "alice", "bob");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");

        await alice.SendAsync("PNG\r\n");
        Assert.Equal("QNG", await alice.ReadLineStartingWithAsync("QNG"));

        // A switchboard session through the switchboard listener: a message arrives whole.
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        var sbAlice = await Chat.OpenAsync(scene.Server, alice, Scene.Email("alice"));
        var sbBob = await Chat.InviteAsync(scene.Server, sbAlice, 2, bob, Scene.Email("bob"));
        var text = "hello over " + transport;
        await Chat.SendTextAsync(sbAlice, 3, 'N', text);
        var (sender, _, payload) = await Chat.ReceiveAsync(sbBob);
        Assert.Equal(Scene.Email("alice"), sender);
        Assert.Equal(Chat.Body(text), System.Text.Encoding.UTF8.GetString(payload));
        await sbAlice.DisposeAsync();
        await sbBob.DisposeAsync();
    }

    [Fact]
    public async Task A_command_sent_one_byte_at_a_time_is_answered_once_whole()
    {
        await using var scene = await Scene.StartAsync();
        var client = await scene.ConnectAsync();

        foreach (var b in "VER 1 MSNP8 CVR0\r\n"u8.ToArray())
        {
            await client.SendAsync([b]);
        }

        Assert.Equal("VER 1 MSNP8 CVR0", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Commands_pipelined_past_the_first_buffer_are_all_answered_in_order()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");

        // About 6 KiB in one write: more than the reader's first array, split across receives.
        var burst = string.Concat(Enumerable.Range(1, 1000).Select(i => "PNG\r\n"));
        await alice.SendAsync(burst);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal("QNG", await alice.ReadLineStartingWithAsync("QNG"));
        }
    }

    [Fact]
    public async Task A_burst_of_messages_larger_than_the_largest_receive_is_relayed_whole_and_in_order_with_every_ack()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        var sbAlice = await Chat.OpenAsync(scene.Server, alice, Scene.Email("alice"));
        var sbBob = await Chat.InviteAsync(scene.Server, sbAlice, 2, bob, Scene.Email("bob"));

        // About 240 KiB in one write: the reader's receives grow to their largest and the
        // messages of each receive reach bob in one drain of growing segments.
        const int Count = 200;
        var filler = new string('x', 1100);
        var burst = Enumerable.Range(0, Count).SelectMany(i => Chat.Message(10 + i, 'A', System.Text.Encoding.UTF8.GetBytes(Chat.Body($"{i:D5} {filler}")))).ToArray();
        await sbAlice.SendAsync(burst);

        for (var i = 0; i < Count; i++)
        {
            var (sender, _, payload) = await Chat.ReceiveAsync(sbBob);
            Assert.Equal(Scene.Email("alice"), sender);
            Assert.Equal(Chat.Body($"{i:D5} {filler}"), System.Text.Encoding.UTF8.GetString(payload));
        }

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal($"ACK {10 + i}", await sbAlice.ReadLineAsync());
        }

        await sbAlice.DisposeAsync();
        await sbBob.DisposeAsync();
    }
}
