using System.Net;

namespace Msnp.Server.Limits;

/// <summary>Which address a per-address limit counts a peer under.</summary>
internal static class PeerAddress
{
    /// <summary>The address to count (an IPv6 peer's /64), or null when no per-address limit applies (unknown peer, exempt loopback).</summary>
    public static IPAddress? Key(IPAddress? address, bool exemptLoopback)
    {
        if (address is null)
        {
            return null;
        }

        // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d; count it with its IPv4 form.
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (exemptLoopback && IPAddress.IsLoopback(normal))
        {
            return null;
        }

        return normal.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Prefix64(normal) : normal;
    }

    // One IPv6 host usually holds a whole /64 and can pick any address in it: count the /64.
    private static IPAddress Prefix64(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    /// <summary>The peer's IP address, when the endpoint has one.</summary>
    public static IPAddress? Of(EndPoint? endPoint) => (endPoint as IPEndPoint)?.Address;
}
