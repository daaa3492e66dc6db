namespace Msnp.Protocol.Messages;

/// <summary>
/// One <c>Name: value</c> line of a MIME header block or of a header-style body. The value is
/// kept as written (minus the single space after the colon), so rebuilding gives the same bytes.
/// </summary>
public readonly struct MimeHeader : IEquatable<MimeHeader>
{
    /// <summary>Creates a header without validating it; <see cref="MimeHeaderList"/> validates on construction.</summary>
    public MimeHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
    }

    /// <summary>The field name, with the case it had on the wire (lookups ignore case).</summary>
    public string Name { get; }

    /// <summary>The raw value: everything after <c>": "</c> up to the line end, not trimmed.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="name"/> names this header, ignoring ASCII case as MIME does.</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public bool Equals(MimeHeader other) => string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MimeHeader other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Value);

    /// <summary>The header as it is written on the wire, without the line end.</summary>
    public override string ToString() => Name + ": " + Value;

    /// <summary>Compares two headers by exact name and value.</summary>
    public static bool operator ==(MimeHeader left, MimeHeader right) => left.Equals(right);

    /// <summary>Compares two headers by exact name and value.</summary>
    public static bool operator !=(MimeHeader left, MimeHeader right) => !left.Equals(right);
}
