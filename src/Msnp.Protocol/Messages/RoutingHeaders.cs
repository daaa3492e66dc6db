using System.Globalization;
using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// The first header block of an MSNP18 <c>PUT</c>/<c>SDG</c> payload (escargot <c>_m_put</c>,
/// <c>_m_sdg</c>): <c>Routing: 1.0</c>, <c>To: n:address[;…]</c>, <c>From: n:address;epid={guid}</c>,
/// then a blank line and the reliability and content blocks, which this reader does not need.
/// </summary>
/// <param name="ToNetwork">The network of <c>To</c> (1 Messenger, 9 a circle).</param>
/// <param name="ToAddress">The address of <c>To</c>, without its network and <c>;…</c> suffix.</param>
public sealed record RoutingHeaders(int ToNetwork, string ToAddress)
{
    /// <summary>The network number of a circle (a group of MSNP18 users).</summary>
    public const int CircleNetwork = 9;

    /// <summary>
    /// Reads the routing block: strict UTF-8, lines ending in CR LF, the block ended by an empty line
    /// followed by at least one more block; <c>To</c> required as <c>digits:address</c>. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out RoutingHeaders? headers)
    {
        headers = null;
        int end = payload.IndexOf("\r\n\r\n"u8);
        if (end <= 0)
        {
            return false;
        }

        string block;
        try
        {
            block = StrictUtf8.GetString(payload[..end]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        string? to = null;
        foreach (var line in block.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            if (line.AsSpan(0, colon).Trim().Equals("To", StringComparison.OrdinalIgnoreCase))
            {
                to ??= line[(colon + 1)..].Trim();
            }
        }

        if (to is null)
        {
            return false;
        }

        int semicolon = to.IndexOf(';', StringComparison.Ordinal);
        var target = semicolon >= 0 ? to[..semicolon] : to;
        int sep = target.IndexOf(':', StringComparison.Ordinal);
        if (sep <= 0 || sep > 4 || !int.TryParse(target.AsSpan(0, sep), NumberStyles.None, CultureInfo.InvariantCulture, out var network)
            || sep + 1 >= target.Length)
        {
            return false;
        }

        headers = new RoutingHeaders(network, target[(sep + 1)..]);
        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
