using System.Net;

namespace Msnp.Server.Limits;

/// <summary>Which address a per-address limit counts a peer under.</summary>
internal static class PeerAddress
{
    /// <summary>The address to count, or null when no per-address limit applies (unknown peer, exempt loopback).</summary>
    public static IPAddress? Key(IPAddress? address, bool exemptLoopback)
    {
        if (address is null)
        {
            return null;
        }

        // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d; count it with its IPv4 form.
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return exemptLoopback && IPAddress.IsLoopback(normal) ? null : normal;
    }

    /// <summary>The peer's IP address, when the endpoint has one.</summary>
    public static IPAddress? Of(EndPoint? endPoint) => (endPoint as IPEndPoint)?.Address;
}
