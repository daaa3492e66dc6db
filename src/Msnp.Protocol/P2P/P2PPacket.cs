using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.P2P;

/// <summary>
/// One P2Pv1 chunk as carried in an <c>application/x-msnmsgrp2p</c> body: the 48-byte header, the
/// chunk's bytes, and a 4-byte <b>big-endian</b> footer holding the application id (Pidgin
/// <c>slpmsg_part.c</c> <c>msn_slpmsgpart_new_from_data</c>, <c>p2p.c</c> <c>msn_p2p_footer_from_wire</c>).
/// </summary>
public readonly struct P2PPacket
{
    /// <summary>The footer's size on the wire.</summary>
    public const int FooterSize = 4;

    /// <summary>Header plus footer: the smallest packet.</summary>
    public const int Overhead = P2PHeader.Size + FooterSize;

    /// <summary>The data bytes per chunk that MSN clients and Pidgin send through the switchboard (<c>MSN_SBCONN_MAX_SIZE</c>).</summary>
    public const int MaxChunkSize = 1202;

    /// <summary>Creates a packet.</summary>
    public P2PPacket(P2PHeader header, ReadOnlyMemory<byte> data, uint footer)
    {
        Header = header;
        Data = data;
        Footer = footer;
    }

    /// <summary>The binary header.</summary>
    public P2PHeader Header { get; }

    /// <summary>This chunk's bytes (a slice of the parsed body).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The footer: the application id, see <see cref="P2PAppId"/>.</summary>
    public uint Footer { get; }

    /// <summary>The bytes <see cref="WriteTo"/> produces.</summary>
    public int ByteCount => Overhead + Data.Length;

    /// <summary>
    /// Parses a body without copying. Fails, with a reason, when it is too short, when the header's
    /// length disagrees with the bytes present, or when the chunk does not fit in the announced
    /// total (offset + length &gt; total size): a peer that lies about sizes is refused here.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out P2PPacket packet, [NotNullWhen(false)] out string? error)
    {
        packet = default;
        var span = body.Span;
        if (!P2PHeader.TryRead(span, out var header) || span.Length < Overhead)
        {
            error = $"a P2P body needs at least {Overhead} bytes, got {span.Length}.";
            return false;
        }

        var dataLength = span.Length - Overhead;
        if (header.Length != dataLength)
        {
            error = $"the header announces {header.Length} data bytes but {dataLength} are present.";
            return false;
        }

        if (header.Offset > header.TotalSize || header.TotalSize - header.Offset < header.Length)
        {
            error = $"a chunk at offset {header.Offset} of {header.Length} bytes does not fit the announced total of {header.TotalSize}.";
            return false;
        }

        packet = new P2PPacket(header, body.Slice(P2PHeader.Size, dataLength), BinaryPrimitives.ReadUInt32BigEndian(span[^FooterSize..]));
        error = null;
        return true;
    }

    /// <summary>Writes header, data and big-endian footer.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(ByteCount);
        Header.Write(span);
        Data.Span.CopyTo(span[P2PHeader.Size..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[(P2PHeader.Size + Data.Length)..], Footer);
        output.Advance(ByteCount);
    }

    /// <summary>The packet as a new array.</summary>
    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(ByteCount);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
