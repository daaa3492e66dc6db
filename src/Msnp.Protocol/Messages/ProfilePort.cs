namespace Msnp.Protocol.Messages;

/// <summary>
/// The profile's <c>ClientPort</c> is written byte-swapped: the port's network-order bytes read
/// as a little-endian number (1863 is sent as 18183, 1026 as 516). The swap is its own inverse.
/// </summary>
public static class ProfilePort
{
    /// <summary>The value to write for the real <paramref name="port"/>.</summary>
    public static int Encode(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        return Swap((ushort)port);
    }

    /// <summary>The real port behind a written <paramref name="value"/>; null when it is not a 16-bit number.</summary>
    public static int? Decode(int value) => value is >= 0 and <= ushort.MaxValue ? Swap((ushort)value) : null;

    private static ushort Swap(ushort v) => (ushort)((v >> 8) | (v << 8));
}
