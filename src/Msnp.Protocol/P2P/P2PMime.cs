using System.Buffers;
using System.Text;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.P2P;

/// <summary>
/// Wraps P2P packets into switchboard message payloads, with the headers Pidgin writes
/// (<c>msg.c</c> <c>msn_message_new_msnslp</c>, <c>sbconn.c</c> <c>msn_sbconn_send_part</c>):
/// <c>MIME-Version: 1.0</c>, <c>Content-Type: application/x-msnmsgrp2p</c>, <c>P2P-Dest: account</c>,
/// sent with ack mode <c>D</c>.
/// </summary>
public static class P2PMime
{
    /// <summary>The header block before the binary body for <paramref name="destination"/>.</summary>
    public static byte[] HeaderBlock(string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return Encoding.UTF8.GetBytes($"MIME-Version: 1.0\r\nContent-Type: {ContentTypes.PeerToPeer}\r\nP2P-Dest: {destination}\r\n\r\n");
    }

    /// <summary>A whole payload: <paramref name="headerBlock"/> (from <see cref="HeaderBlock"/>) then the packet.</summary>
    public static byte[] Payload(ReadOnlySpan<byte> headerBlock, in P2PPacket packet)
    {
        var buffer = new byte[headerBlock.Length + packet.ByteCount];
        headerBlock.CopyTo(buffer);
        var writer = new ArrayBufferWriter<byte>(packet.ByteCount);
        packet.WriteTo(writer);
        writer.WrittenSpan.CopyTo(buffer.AsSpan(headerBlock.Length));
        return buffer;
    }

    /// <summary>True when <paramref name="message"/> is a P2P message (content type <c>application/x-msnmsgrp2p</c>).</summary>
    public static bool IsPeerToPeer(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ContentType.Is(ContentTypes.PeerToPeer);
    }

    /// <summary>The <c>P2P-Dest</c> header, or null.</summary>
    public static string? Destination(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Headers.GetValue("P2P-Dest");
    }
}
