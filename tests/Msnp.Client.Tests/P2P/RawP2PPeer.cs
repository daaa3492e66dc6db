using System.Collections.Concurrent;
using System.Text;
using Msnp.Client.Conversations;
using Msnp.Protocol.P2P;

namespace Msnp.Client.Tests.P2P;

/// <summary>
/// One side of a conversation played by hand: its own P2P layer is switched off, every P2P packet it
/// receives is queued, and the test writes packets byte by byte (as a libpurple-era client would).
/// </summary>
internal sealed class RawP2PPeer
{
    private readonly Conversation _conversation;
    private readonly string _peer;
    private uint _nextId = 1000;

    public RawP2PPeer(Conversation conversation, string peer)
    {
        _conversation = conversation;
        _peer = peer;
        conversation.PeerToPeer.Dispose();
        conversation.MessageReceived += (_, m) =>
        {
            if (P2PMime.IsPeerToPeer(m.Message))
            {
                Assert.Equal(peer, m.Sender);
                Assert.True(P2PPacket.TryParse(m.Message.Body.ToArray(), out var packet, out var error), error);
                Inbox.Add(packet);
            }
        };
    }

    public BlockingCollection<P2PPacket> Inbox { get; } = [];

    public uint NextId() => _nextId++;

    public P2PPacket Next()
    {
        Assert.True(Inbox.TryTake(out var packet, TimeSpan.FromSeconds(20)), "no P2P packet arrived");
        return packet;
    }

    /// <summary>The next packet that is not an ACK.</summary>
    public P2PPacket NextNonAck()
    {
        while (true)
        {
            var packet = Next();
            if (!packet.Header.IsAck)
            {
                return packet;
            }
        }
    }

    /// <summary>Reads a whole SLP message (one or more chunks), ACKs it like Pidgin, and parses it.</summary>
    public SlpMessage NextSlp()
    {
        var first = NextNonAck();
        Assert.Equal(0u, first.Header.SessionId);
        var buffer = new byte[first.Header.TotalSize];
        first.Data.CopyTo(buffer);
        var last = first;
        while (!last.Header.IsFinal)
        {
            last = NextNonAck();
            last.Data.CopyTo(buffer.AsMemory((int)last.Header.Offset));
        }

        Ack(last.Header);
        Assert.True(SlpMessage.TryParse(buffer, out var slp, out var error), error);
        return slp;
    }

    public Task SendAsync(P2PHeader header, ReadOnlyMemory<byte> data, uint footer) =>
        _conversation.SendRawAsync(P2PMime.Payload(P2PMime.HeaderBlock(_peer), new P2PPacket(header, data, footer)), AckMode.Data);

    /// <summary>Sends raw bytes as the P2P body (for malformed packets).</summary>
    public Task SendBodyAsync(byte[] body)
    {
        var block = P2PMime.HeaderBlock(_peer);
        return _conversation.SendRawAsync(new ReadOnlyMemory<byte>([.. block, .. body]), AckMode.Data);
    }

    /// <summary>Sends an SLP message in one chunk, flags 0, footer 0, as Pidgin's slplink does for control messages.</summary>
    public async Task<P2PHeader> SendSlpAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var header = new P2PHeader(0, NextId(), 0, (ulong)bytes.Length, (uint)bytes.Length, P2PFlags.None, 12345, 0, 0);
        await SendAsync(header, bytes, 0);
        return header;
    }

    public void Ack(P2PHeader last) => SendAsync(last.CreateAck(NextId()), ReadOnlyMemory<byte>.Empty, 0).GetAwaiter().GetResult();
}
