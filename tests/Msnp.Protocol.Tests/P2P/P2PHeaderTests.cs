using Msnp.Protocol.P2P;

namespace Msnp.Protocol.Tests.P2P;

public sealed class P2PHeaderTests
{
    [Fact]
    public void Fields_are_little_endian_in_pidgins_order_and_the_footer_is_big_endian()
    {
        var header = new P2PHeader(0x01020304, 0x05060708, 0x1112131415161718, 0x2122232425262728, 0x31323334, P2PFlags.FileData, 0x41424344, 0x51525354, 0x6162636465666768);
        var bytes = new P2PPacket(header, new byte[] { 0xAA }, 2).ToArray();

        Assert.Equal(53, bytes.Length);
        Assert.Equal(Convert.FromHexString(
            "04030201" + "08070605" + "1817161514131211" + "2827262524232221" + "34333231" + "30000001" + "44434241" + "54535251" + "6867666564636261"),
            bytes[..48]);
        Assert.Equal(0xAA, bytes[48]);
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, bytes[49..]);
    }

    [Fact]
    public void A_packet_round_trips()
    {
        var header = new P2PHeader(7, 9, 1202, 5000, 3, P2PFlags.MsnObjectData, 11, 0, 0);
        var bytes = new P2PPacket(header, new byte[] { 1, 2, 3 }, 1).ToArray();

        Assert.True(P2PPacket.TryParse(bytes, out var packet, out var error), error);
        Assert.Equal(header, packet.Header);
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.Data.ToArray());
        Assert.Equal(1u, packet.Footer);
        Assert.True(packet.Header.IsData);
        Assert.False(packet.Header.IsFinal);
    }

    [Fact]
    public void Every_truncation_is_refused_with_a_reason_and_never_throws()
    {
        var bytes = new P2PPacket(new P2PHeader(1, 2, 0, 10, 10, P2PFlags.None, 3, 0, 0), new byte[10], 0).ToArray();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(P2PPacket.TryParse(bytes.AsMemory(0, length), out _, out var error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Theory]
    [InlineData(0ul, 3ul, 4u)] // length beyond the total
    [InlineData(8ul, 10ul, 4u)] // offset + length beyond the total
    [InlineData(11ul, 10ul, 0u)] // offset beyond the total
    [InlineData(ulong.MaxValue, ulong.MaxValue, 4u)] // offset + length overflows
    public void Chunks_that_do_not_fit_the_announced_total_are_refused(ulong offset, ulong total, uint length)
    {
        var bytes = new P2PPacket(new P2PHeader(1, 2, offset, total, length, P2PFlags.FileData, 3, 0, 0), new byte[length], 2).ToArray();

        Assert.False(P2PPacket.TryParse(bytes, out _, out var error));
        Assert.Contains("does not fit the announced total", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ack_mirrors_the_acknowledged_message_as_pidgin_builds_it()
    {
        var last = new P2PHeader(55, 1000, 2404, 3000, 596, P2PFlags.FileData, 777, 0, 0);

        var ack = last.CreateAck(1001);

        Assert.Equal(new P2PHeader(55, 1001, 0, 3000, 0, P2PFlags.Ack, 1000, 777, 3000), ack);
        Assert.True(ack.IsAck);
    }

    [Fact]
    public void V2_headers_with_tlvs_round_trip_and_lying_lengths_are_refused()
    {
        var header = new P2Pv2Header
        {
            Opcode = P2Pv2Header.OpcodeRak,
            BaseId = 0xA1B2C3D4,
            HeaderTlvs = [new P2PTlv(P2Pv2Header.TlvAck, [0, 0, 1, 0])],
            HasData = true,
            TransferFlags = 0x06,
            PackageNumber = 3,
            SessionId = 99,
            DataTlvs = [new P2PTlv(P2Pv2Header.TlvRemaining, [0, 0, 0, 0, 0, 0, 0x10, 0])],
            Payload = new byte[] { 9, 8, 7 },
        };

        var bytes = header.ToBytes();

        Assert.Equal(14, bytes[0]);
        Assert.Equal(Convert.FromHexString("A1B2C3D4"), bytes[4..8]);
        Assert.True(P2Pv2Header.TryParse(bytes, out var parsed, out var error), error);
        Assert.Equal(header.BaseId, parsed.BaseId);
        Assert.Equal(99u, parsed.SessionId);
        Assert.Equal(new byte[] { 9, 8, 7 }, parsed.Payload.ToArray());
        Assert.Equal(header.DataTlvs[0].Value, parsed.DataTlvs[0].Value);
        Assert.Equal(header.HeaderTlvs[0].Value, parsed.HeaderTlvs[0].Value);

        var lying = (byte[])bytes.Clone();
        lying[3] = 200; // message length beyond the bytes present
        Assert.False(P2Pv2Header.TryParse(lying, out _, out _));
        var badTlv = (byte[])bytes.Clone();
        badTlv[9] = 50; // a header TLV longer than the header
        Assert.False(P2Pv2Header.TryParse(badTlv, out _, out _));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(P2Pv2Header.TryParse(bytes.AsMemory(0, length), out _, out _));
        }
    }
}
