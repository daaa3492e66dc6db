namespace Msnp.Protocol.Messages;

/// <summary>Bounds applied when reading a <c>UUX</c>/<c>UBX</c> personal-status document.</summary>
public sealed record PersonalStatusLimits
{
    /// <summary>The defaults: 8 KiB documents (the framing limit for <c>UUX</c>), 1024-character fields (2048 for MSNObjects), depth 4.</summary>
    public static PersonalStatusLimits Default { get; } = new();

    /// <summary>Largest document accepted, in bytes.</summary>
    /// <remarks>
    /// WLM 2009's <c>&lt;Data&gt;</c> carries two XML-escaped MSNObjects (<c>DDP</c>, <c>Scene</c>) beside the
    /// personal message, media, machine GUID, sound and colour scheme, which can pass the 1,664 bytes
    /// older clients stayed under (docs/limits.md).
    /// </remarks>
    public int MaxPayloadBytes { get; init; } = 8 * 1024;

    /// <summary>Longest <c>PSM</c>, <c>CurrentMedia</c> or <c>MachineGuid</c> text, in UTF-16 characters after decoding.</summary>
    public int MaxFieldLength { get; init; } = 1024;

    /// <summary>Longest <c>DDP</c> or <c>Scene</c> text (an MSNObject), in UTF-16 characters after decoding.</summary>
    public int MaxObjectFieldLength { get; init; } = 2048;

    /// <summary>Deepest element nesting accepted; <c>&lt;Data&gt;</c> is depth 0 and its fields depth 1.</summary>
    public int MaxDepth { get; init; } = 4;
}
