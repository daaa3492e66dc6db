namespace Msnp.Protocol.Messages;

/// <summary>Bounds applied when reading a <c>UUX</c>/<c>UBX</c> personal-status document.</summary>
public sealed record PersonalStatusLimits
{
    /// <summary>The defaults: the framing limit for client payloads (1664 bytes), 1024-character fields, depth 4.</summary>
    public static PersonalStatusLimits Default { get; } = new();

    /// <summary>Largest document accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 1664;

    /// <summary>Longest <c>PSM</c>, <c>CurrentMedia</c> or <c>MachineGuid</c> text, in UTF-16 characters after decoding.</summary>
    public int MaxFieldLength { get; init; } = 1024;

    /// <summary>Deepest element nesting accepted; <c>&lt;Data&gt;</c> is depth 0 and its fields depth 1.</summary>
    public int MaxDepth { get; init; } = 4;
}
