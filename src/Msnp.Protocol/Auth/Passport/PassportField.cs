namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// One <c>key=value</c> item of a Passport 1.4 header or TWN challenge, as it appears on the wire
/// (values are not URL-decoded; quotes are kept). A bare flag such as <c>prompt</c> has a null value.
/// </summary>
/// <param name="Key">The key, case preserved.</param>
/// <param name="Value">The raw value, or null for a bare flag.</param>
public readonly record struct PassportField(string Key, string? Value)
{
    /// <summary>The wire form: <c>key=value</c> or <c>key</c>.</summary>
    public override string ToString() => Value is null ? Key : $"{Key}={Value}";
}
