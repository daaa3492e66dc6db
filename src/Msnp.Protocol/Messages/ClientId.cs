using System.Globalization;

namespace Msnp.Protocol.Messages;

/// <summary>
/// The MSNP8+ client id: a 32-bit number written in decimal. The low 24 bits are
/// <see cref="ClientCapabilities"/>; the top byte carries the MSNC (client protocol) version.
/// The site says "version = id / 16777216" (the whole top byte, <see cref="TopByte"/>), but the
/// documented values put MSNC1 at 0x10000000, MSNC2 at 0x20000000 and so on, i.e. the version is
/// the top nibble (<see cref="MsncVersion"/>). Both are exposed; the value itself is kept whole.
/// </summary>
public readonly struct ClientId : IEquatable<ClientId>
{
    /// <summary>Wraps a raw client id.</summary>
    public ClientId(uint value) => Value = value;

    /// <summary>The raw 32-bit id.</summary>
    public uint Value { get; }

    /// <summary>The capability bits (low 24 bits).</summary>
    public ClientCapabilities Capabilities => (ClientCapabilities)(Value & 0x00FFFFFF);

    /// <summary>The whole top byte, <c>id &gt;&gt; 24</c>, as the site defines the version (0x10 for MSNC1).</summary>
    public byte TopByte => (byte)(Value >> 24);

    /// <summary>The MSNC version: 0 for pre-6.0 clients, 1 for MSNC1 (client 6.0, 0x10000000), and so on.</summary>
    public int MsncVersion => (int)(Value >> 28);

    /// <summary>Combines capabilities and an MSNC version (0–15).</summary>
    public static ClientId Create(ClientCapabilities capabilities, int msncVersion = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(msncVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(msncVersion, 15);
        return new ClientId(((uint)msncVersion << 28) | ((uint)capabilities & 0x00FFFFFF));
    }

    /// <summary>Reads the decimal token; false when it is not a 32-bit unsigned number.</summary>
    public static bool TryParse(string? token, out ClientId id)
    {
        bool ok = uint.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out uint v);
        id = new ClientId(v);
        return ok;
    }

    /// <summary>True when every flag in <paramref name="capabilities"/> is set.</summary>
    public bool Has(ClientCapabilities capabilities) => (Capabilities & capabilities) == capabilities;

    /// <summary>The decimal form used on the wire.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(ClientId other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ClientId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Value;

    /// <summary>Compares two ids.</summary>
    public static bool operator ==(ClientId left, ClientId right) => left.Equals(right);

    /// <summary>Compares two ids.</summary>
    public static bool operator !=(ClientId left, ClientId right) => !left.Equals(right);
}
