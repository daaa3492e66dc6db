using System.Globalization;

namespace Msnp.Protocol.Messages;

/// <summary>
/// The <c>CO</c> colour of <c>X-MMS-IM-Format</c>: hex digits read as <c>0xBBGGRR</c>, so blue is
/// the high byte (the reverse of HTML's <c>#RRGGBB</c>); <c>CO=ff0000</c> is blue.
/// </summary>
public readonly struct BgrColor : IEquatable<BgrColor>
{
    /// <summary>Creates a colour from its <c>0xBBGGRR</c> value; bits above 24 are dropped.</summary>
    public BgrColor(uint value) => Value = value & 0xFFFFFF;

    /// <summary>Black, <c>CO=0</c>.</summary>
    public static BgrColor Black => default;

    /// <summary>The <c>0xBBGGRR</c> value (also a Windows COLORREF).</summary>
    public uint Value { get; }

    /// <summary>The red component.</summary>
    public byte Red => (byte)Value;

    /// <summary>The green component.</summary>
    public byte Green => (byte)(Value >> 8);

    /// <summary>The blue component.</summary>
    public byte Blue => (byte)(Value >> 16);

    /// <summary>Creates a colour from its red, green and blue components.</summary>
    public static BgrColor FromRgb(byte red, byte green, byte blue) => new((uint)(blue << 16 | green << 8 | red));

    /// <summary>Reads an HTML-style <c>RRGGBB</c> (optional leading <c>#</c>); false when it is not 1–6 hex digits.</summary>
    public static bool TryFromRgbHex(string? rgbHex, out BgrColor color)
    {
        color = default;
        var s = rgbHex.AsSpan().Trim();
        if (s.StartsWith('#'))
        {
            s = s[1..];
        }

        if (s.Length is 0 or > 6 || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint rgb))
        {
            return false;
        }

        color = FromRgb((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    /// <summary>Reads a <c>CO</c> value: 1–6 hex digits, any case; false otherwise.</summary>
    public static bool TryParse(string? co, out BgrColor color)
    {
        color = default;
        var s = co.AsSpan().Trim();
        if (s.Length is 0 or > 6 || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v))
        {
            return false;
        }

        color = new BgrColor(v);
        return true;
    }

    /// <summary>The HTML-style <c>rrggbb</c> form (six lower-case digits).</summary>
    public string ToRgbHex() => ((uint)(Red << 16 | Green << 8 | Blue)).ToString("x6", CultureInfo.InvariantCulture);

    /// <summary>The <c>CO</c> form the official client writes: lower-case hex without leading zeros.</summary>
    public override string ToString() => Value.ToString("x", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(BgrColor other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BgrColor other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Value;

    /// <summary>Compares two colours.</summary>
    public static bool operator ==(BgrColor left, BgrColor right) => left.Equals(right);

    /// <summary>Compares two colours.</summary>
    public static bool operator !=(BgrColor left, BgrColor right) => !left.Equals(right);
}
