using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.P2P;

/// <summary>
/// The P2Pv2 (MSNP16+) header, big-endian (Pidgin <c>p2p.c</c> <c>msn_p2p_header_from_wire</c>):
/// header length u8, opcode u8, message length u16, base id u32, header TLVs; then, when the
/// message carries data, data-header length u8, TF u8, package number u16, session id u32 and
/// data TLVs. Lengths are checked against the bytes present; TLVs never run past their block.
/// </summary>
public sealed record P2Pv2Header
{
    /// <summary>Opcode bit: SYN (first message, carries peer info).</summary>
    public const byte OpcodeSyn = 0x01;

    /// <summary>Opcode bit: RAK (an ACK is requested).</summary>
    public const byte OpcodeRak = 0x02;

    /// <summary>Header TLV type: acknowledged sequence number.</summary>
    public const byte TlvAck = 0x02;

    /// <summary>Data TLV type: bytes remaining after this package.</summary>
    public const byte TlvRemaining = 0x01;

    /// <summary>The opcode.</summary>
    public byte Opcode { get; init; }

    /// <summary>The sequence number of this message's first byte.</summary>
    public uint BaseId { get; init; }

    /// <summary>Header TLVs (peer info, ACK, NAK).</summary>
    public IReadOnlyList<P2PTlv> HeaderTlvs { get; init; } = [];

    /// <summary>The data header's transfer flags (TF: 1 first, 4 MSNObject, 6 file), when there is data.</summary>
    public byte TransferFlags { get; init; }

    /// <summary>The package number.</summary>
    public ushort PackageNumber { get; init; }

    /// <summary>The session id.</summary>
    public uint SessionId { get; init; }

    /// <summary>Data TLVs (remaining bytes).</summary>
    public IReadOnlyList<P2PTlv> DataTlvs { get; init; } = [];

    /// <summary>The payload bytes after the data header (may be empty).</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>True when the message carries a data header.</summary>
    public bool HasData { get; init; }

    /// <summary>Parses a P2Pv2 packet (header, data header, payload; no footer); false with a reason on any inconsistency.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> wire, [NotNullWhen(true)] out P2Pv2Header? header, [NotNullWhen(false)] out string? error)
    {
        header = null;
        var s = wire.Span;
        if (s.Length < 8)
        {
            error = "a P2Pv2 header needs at least 8 bytes.";
            return false;
        }

        int headerLength = s[0];
        var opcode = s[1];
        int messageLength = BinaryPrimitives.ReadUInt16BigEndian(s[2..]);
        var baseId = BinaryPrimitives.ReadUInt32BigEndian(s[4..]);
        if (headerLength < 8 || headerLength + messageLength > s.Length)
        {
            error = $"the P2Pv2 header ({headerLength} bytes) and message ({messageLength} bytes) exceed the {s.Length} bytes present.";
            return false;
        }

        if (!TryReadTlvs(s[8..headerLength], out var headerTlvs))
        {
            error = "a P2Pv2 header TLV runs past the header.";
            return false;
        }

        if (messageLength == 0)
        {
            header = new P2Pv2Header { Opcode = opcode, BaseId = baseId, HeaderTlvs = headerTlvs };
            error = null;
            return true;
        }

        var message = s.Slice(headerLength, messageLength);
        int dataHeaderLength = message[0];
        if (dataHeaderLength < 8 || dataHeaderLength > messageLength)
        {
            error = $"the P2Pv2 data header length {dataHeaderLength} does not fit the {messageLength}-byte message.";
            return false;
        }

        if (!TryReadTlvs(message[8..dataHeaderLength], out var dataTlvs))
        {
            error = "a P2Pv2 data TLV runs past the data header.";
            return false;
        }

        header = new P2Pv2Header
        {
            Opcode = opcode,
            BaseId = baseId,
            HeaderTlvs = headerTlvs,
            HasData = true,
            TransferFlags = message[1],
            PackageNumber = BinaryPrimitives.ReadUInt16BigEndian(message[2..]),
            SessionId = BinaryPrimitives.ReadUInt32BigEndian(message[4..]),
            DataTlvs = dataTlvs,
            Payload = wire.Slice(headerLength + dataHeaderLength, messageLength - dataHeaderLength),
        };
        error = null;
        return true;
    }

    /// <summary>Writes the header, the data header (when <see cref="HasData"/>) and the payload.</summary>
    public byte[] ToBytes()
    {
        var headerLength = 8 + HeaderTlvs.Sum(t => 2 + t.Value.Length);
        var dataHeaderLength = HasData ? 8 + DataTlvs.Sum(t => 2 + t.Value.Length) : 0;
        var messageLength = HasData ? dataHeaderLength + Payload.Length : 0;
        if (headerLength > 255 || dataHeaderLength > 255 || messageLength > ushort.MaxValue)
        {
            throw new InvalidOperationException("The P2Pv2 header or message is too long to encode.");
        }

        var wire = new byte[headerLength + messageLength];
        wire[0] = (byte)headerLength;
        wire[1] = Opcode;
        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(2), (ushort)messageLength);
        BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(4), BaseId);
        var at = WriteTlvs(wire, 8, HeaderTlvs);
        if (HasData)
        {
            wire[at] = (byte)dataHeaderLength;
            wire[at + 1] = TransferFlags;
            BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(at + 2), PackageNumber);
            BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(at + 4), SessionId);
            at = WriteTlvs(wire, at + 8, DataTlvs);
            Payload.Span.CopyTo(wire.AsSpan(at));
        }

        return wire;
    }

    private static bool TryReadTlvs(ReadOnlySpan<byte> block, out List<P2PTlv> tlvs)
    {
        tlvs = [];
        while (block.Length > 0)
        {
            // A lone trailing byte or zero type is padding (real headers are padded to 4 bytes).
            if (block[0] == 0)
            {
                return true;
            }

            if (block.Length < 2 || block[1] > block.Length - 2)
            {
                return false;
            }

            tlvs.Add(new P2PTlv(block[0], block.Slice(2, block[1]).ToArray()));
            block = block[(2 + block[1])..];
        }

        return true;
    }

    private static int WriteTlvs(byte[] wire, int at, IReadOnlyList<P2PTlv> tlvs)
    {
        foreach (var tlv in tlvs)
        {
            wire[at] = tlv.Type;
            wire[at + 1] = (byte)tlv.Value.Length;
            tlv.Value.CopyTo(wire, at + 2);
            at += 2 + tlv.Value.Length;
        }

        return at;
    }
}
