using System.Buffers.Binary;

namespace Msnp.Protocol.P2P;

/// <summary>
/// The 48-byte P2Pv1 binary header, every field little-endian (Pidgin <c>p2p.c</c>
/// <c>msn_p2p_header_from_wire</c>): session id, message id, offset of this chunk, total size of
/// the message, length of this chunk, flags, and the three acknowledgement fields.
/// </summary>
/// <param name="SessionId">0 for SLP control messages, the negotiated session id for data.</param>
/// <param name="Id">The message id (the same for every chunk of one message).</param>
/// <param name="Offset">Where this chunk's bytes start within the message.</param>
/// <param name="TotalSize">The size of the whole message.</param>
/// <param name="Length">The bytes of this chunk.</param>
/// <param name="Flags">What the message is.</param>
/// <param name="AckId">A random id on new messages; in an ACK, the acknowledged message's id.</param>
/// <param name="AckUniqueId">In an ACK, the acknowledged message's <paramref name="AckId"/>.</param>
/// <param name="AckSize">In an ACK, the acknowledged message's total size.</param>
public readonly record struct P2PHeader(
    uint SessionId,
    uint Id,
    ulong Offset,
    ulong TotalSize,
    uint Length,
    P2PFlags Flags,
    uint AckId,
    uint AckUniqueId,
    ulong AckSize)
{
    /// <summary>The header's size on the wire.</summary>
    public const int Size = 48;

    /// <summary>True for an acknowledgement (flags exactly <see cref="P2PFlags.Ack"/>).</summary>
    public bool IsAck => Flags == P2PFlags.Ack;

    /// <summary>True for MSNObject or file data (Pidgin <c>msn_p2p_msg_is_data</c>).</summary>
    public bool IsData => Flags is P2PFlags.MsnObjectData or (P2PFlags.Wlm2009Compat | P2PFlags.MsnObjectData) or P2PFlags.FileData;

    /// <summary>True for an SLP control message or a data preparation message.</summary>
    public bool IsControl => Flags is P2PFlags.None or P2PFlags.Wlm2009Compat;

    /// <summary>True when this chunk completes its message.</summary>
    public bool IsFinal => Offset + Length >= TotalSize;

    /// <summary>Reads a header from the first 48 bytes; false when fewer are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out P2PHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new P2PHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source),
            BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
            (P2PFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[36..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[40..]));
        return true;
    }

    /// <summary>Writes the 48 bytes into <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        BinaryPrimitives.WriteUInt32LittleEndian(destination, SessionId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Id);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], TotalSize);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], AckId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], AckUniqueId);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], AckSize);
    }

    /// <summary>
    /// The acknowledgement of a whole message whose last chunk had this header, as Pidgin builds it
    /// (<c>msn_p2p_info_create_ack</c>): same session, flags ACK, ack id = message id, ack unique
    /// id = the message's ack id, ack size = its total size; the ACK's own total is that size too.
    /// </summary>
    public P2PHeader CreateAck(uint ackMessageId) =>
        new(SessionId, ackMessageId, 0, TotalSize, 0, P2PFlags.Ack, Id, AckId, TotalSize);
}
