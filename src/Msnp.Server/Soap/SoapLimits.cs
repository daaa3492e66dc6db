namespace Msnp.Server.Soap;

/// <summary>
/// Bounds on one SOAP request (docs/limits.md). The body is refused before it is parsed when it is
/// larger than <see cref="MaxRequestBytes"/>; the XML reader stops at <see cref="MaxDepth"/> and
/// <see cref="MaxElements"/>, so no envelope costs more than a few passes over its bytes.
/// </summary>
public sealed record SoapLimits
{
    /// <summary>The default: address book requests are a few KiB; 64 KiB leaves room for long member lists.</summary>
    public static SoapLimits Default { get; } = new();

    /// <summary>Largest request body in bytes (413 with a fault beyond it).</summary>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>Deepest element nesting; real envelopes stay under 12.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most elements in one envelope.</summary>
    public int MaxElements { get; init; } = 4096;
}
