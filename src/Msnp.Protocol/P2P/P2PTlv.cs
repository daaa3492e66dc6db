namespace Msnp.Protocol.P2P;

/// <summary>One type-length-value entry of a P2Pv2 header: type u8, length u8, value (Pidgin <c>tlv.c</c>).</summary>
/// <param name="Type">The entry type (header: 1 peer info, 2 ACK, 3 NAK; data: 1 remaining bytes).</param>
/// <param name="Value">Up to 255 bytes.</param>
public sealed record P2PTlv(byte Type, byte[] Value);
