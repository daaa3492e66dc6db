using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Hosting;
using Msnp.Server.Switchboard;
using Msnp.Server.Tests.Gateway;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Switchboard;

/// <summary>
/// The relay's sends over real sockets on the own transport: a sender's thread sends each
/// receiver's batch itself when the receiver's output is idle (OutboundBuffer.SendHeldBack), and
/// otherwise the receiver's drain does. These race each other when several participants send to
/// one receiver at once, when a receiver's window fills, and when a receiver goes away.
/// </summary>
public sealed class RelaySendTests
{
    private static readonly byte[] Filler = Encoding.ASCII.GetBytes(new string('x', 1000));

    [Fact]
    public async Task Three_participants_streaming_at_once_each_receive_every_message_of_each_sender_in_order_and_every_ack()
    {
        await using var room = await RoomAsync(o => { }, "amy", "ben", "cat");
        const int Count = 300;

        // Everyone sends a pipelined burst to the other two at the same time: each receiver's output
        // is written by two senders' threads (and its own ACKs), which take turns sending it.
        var sending = room.Sb.Select((sb, s) => sb.SendAsync(Burst(s, Count, 'A'))).ToArray();
        var reading = room.Sb.Select((sb, r) => Task.Run(() => ReadAllAsync(sb, r, room.Names, Count))).ToArray();
        await Task.WhenAll(sending);
        var acks = await Task.WhenAll(reading);

        foreach (var ack in acks)
        {
            Assert.Equal(Enumerable.Range(1000, Count), ack);
        }
    }

    [Fact]
    public async Task A_receiver_that_stops_reading_holds_its_sender_back_within_the_output_limit_and_then_gets_every_message_in_order()
    {
        // 64 KiB of output at most: a server that kept relaying without holding the sender back
        // would cut the receiver off ("output buffer full") long before the 8 MiB arrived.
        await using var room = await RoomAsync(o => o.OutputLimitBytes = 64 * 1024, "amy", "ben");
        const int Count = 8000;
        var output = room.Participant(1).Connection.Output;

        var sending = room.Sb[0].SendAsync(Burst(0, Count, 'U'));

        // Ben reads nothing until the server holds more for him than its high-water mark (the
        // socket buffers are full): from then on every send to him has to wait for his window.
        await GatewaySessionTests.Eventually(() => output.IsAboveHighWater);
        Assert.False(output.HasOverflowed);

        for (var i = 0; i < Count; i++)
        {
            var (sender, _, payload) = await Chat.ReceiveAsync(room.Sb[1]);
            Assert.Equal(room.Names[0], sender);
            Assert.Equal(i, Sequence(payload));
        }

        await sending;
        Assert.False(output.HasOverflowed);

        // Both still in the room: the sender's next message arrives and is acknowledged.
        await room.Sb[0].SendAsync(Chat.Message(9999, 'A', Payload(Count)));
        var (_, _, last) = await Chat.ReceiveAsync(room.Sb[1]);
        Assert.Equal(Count, Sequence(last));
        Assert.Equal("ACK 9999", await room.Sb[0].ReadLineAsync());
    }

    [Fact]
    public async Task A_receiver_that_disconnects_while_a_sender_streams_leaves_with_BYE_and_the_sender_closes_cleanly()
    {
        await using var room = await RoomAsync(o => { }, "amy", "ben");
        const int Count = 2000;

        var sending = room.Sb[0].SendAsync(Burst(0, Count, 'U'));

        // Ben reads a few messages, then his connection goes while the sender is mid-stream.
        for (var i = 0; i < 10; i++)
        {
            var (_, _, payload) = await Chat.ReceiveAsync(room.Sb[1]);
            Assert.Equal(i, Sequence(payload));
        }

        await room.Sb[1].DisposeAsync();
        await sending;

        Assert.Equal($"BYE {room.Names[1]} 1", await room.Sb[0].ReadLineStartingWithAsync("BYE "));

        // Alone in the room, the sender's messages now have no receiver: NAK, then OUT closes it.
        await room.Sb[0].SendAsync(Chat.Message(5000, 'N', Payload(0)));
        Assert.Equal("NAK 5000", await room.Sb[0].ReadLineStartingWithAsync("NAK "));
        await room.Sb[0].SendAsync("OUT\r\n");
        Assert.True(await room.Sb[0].IsClosedAsync());
    }

    // Reads the 2 × count messages of the two other participants (each sender's in order) and the
    // ACKs of the reader's own burst, interleaved however they come; returns the ACKed TrIDs.
    private static async Task<List<int>> ReadAllAsync(LineClient sb, int self, string[] names, int count)
    {
        var next = new int[names.Length];
        var acks = new List<int>();
        var messages = 0;
        while (messages < (names.Length - 1) * count || acks.Count < count)
        {
            var line = await sb.ReadLineAsync() ?? throw new IOException($"{names[self]} was disconnected");
            var parts = line.Split(' ');
            if (parts[0] == "ACK")
            {
                acks.Add(int.Parse(parts[1], CultureInfo.InvariantCulture));
                continue;
            }

            Assert.Equal("MSG", parts[0]);
            var payload = await sb.ReadBytesAsync(int.Parse(parts[3], CultureInfo.InvariantCulture));
            var sender = Array.IndexOf(names, parts[1]);
            Assert.NotEqual(self, sender);
            Assert.True(sender >= 0, line);
            Assert.Equal(next[sender]++, Sequence(payload));
            messages++;
        }

        return acks;
    }

    private static byte[] Burst(int sender, int count, char ack) =>
        [.. Enumerable.Range(0, count).SelectMany(i => Chat.Message(1000 + i, ack, Payload(i)))];

    private static byte[] Payload(int sequence) =>
        [.. Encoding.ASCII.GetBytes(Chat.Body(sequence.ToString("D6", CultureInfo.InvariantCulture) + " ")), .. Filler];

    private static int Sequence(byte[] payload)
    {
        var text = Encoding.ASCII.GetString(payload);
        var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        return int.Parse(text.AsSpan(body, 6), CultureInfo.InvariantCulture);
    }

    // Participants signed in, online and in one switchboard session (the first invites the rest,
    // everyone has seen everyone join).
    private static async Task<Room> RoomAsync(Action<MsnpServerOptions> configure, params string[] users)
    {
        var server = await TestServer.StartAsync(configure);
        var names = users.Select(u => $"{u}@example.com").ToArray();
        var ns = new List<LineClient>();
        var sb = new List<LineClient>();
        foreach (var name in names)
        {
            await SignIn.CreateAccountAsync(server, name, "pw", name[..3]);
            var client = await SignIn.TweenerAsync(server, name);
            ns.Add(client);
            await Chat.GoOnlineAsync(client);
        }

        sb.Add(await Chat.OpenAsync(server, ns[0], names[0]));
        var sessionId = "";
        for (var i = 1; i < names.Length; i++)
        {
            await sb[0].SendAsync($"CAL {i + 1} {names[i]}\r\n");
            sessionId = (await sb[0].ReadLineStartingWithAsync($"CAL {i + 1} RINGING ")).Split(' ')[3];
            var (joined, _) = await Chat.AnswerAsync(server, ns[i], names[i]);
            sb.Add(joined);
            for (var j = 0; j < i; j++)
            {
                await sb[j].ReadLineStartingWithAsync($"JOI {names[i]} ");
            }
        }

        return new Room(server, sessionId, names, [.. ns], [.. sb]);
    }

    private sealed record Room(TestServer Server, string SessionId, string[] Names, LineClient[] Ns, LineClient[] Sb) : IAsyncDisposable
    {
        // The server's side of participant <index>'s switchboard connection.
        public SwitchboardParticipant Participant(int index)
        {
            Assert.True(Server.Host.Services.GetRequiredService<SwitchboardRooms>().TryGet(SessionId, out var room));
            return room.Participants.Single(p => p.Account == Names[index]);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in Sb.Concat(Ns))
            {
                await client.DisposeAsync();
            }

            await Server.DisposeAsync();
        }
    }
}
