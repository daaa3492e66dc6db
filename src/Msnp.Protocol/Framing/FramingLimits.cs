using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Framing;

/// <summary>
/// Bounds applied while framing, so that no input can make a reader buffer without limit.
/// Every violation is reported as a <see cref="FramingViolation"/>.
/// </summary>
public sealed record FramingLimits
{
    /// <summary>The defaults: 4 KiB lines, 1664-byte client switchboard messages, 64 KiB server payloads.</summary>
    public static FramingLimits Default { get; } = new();

    /// <summary>Longest command line accepted, in bytes, not counting its CR LF. The longest legal MSNP2–9 lines (ADD with a 387-byte nickname, NLN with an MSNObject) fit well inside 4096.</summary>
    public int MaxLineLength { get; init; } = 4096;

    /// <summary>Largest client <c>MSG</c> payload up to MSNP15 (the switchboard limit, catalogue §2.7).</summary>
    public int MaxClientMessagePayload { get; init; } = 1664;

    /// <summary>
    /// Largest client <c>MSG</c> payload from MSNP16: P2P messages name both ends as
    /// <c>account;{guid}</c> in <c>P2P-Dest</c>/<c>P2P-Src</c> and carry P2Pv2 headers with TLVs, so
    /// Pidgin's 1,202-byte data chunks with two long addresses pass 1,664 bytes (docs/limits.md).
    /// </summary>
    public int MaxClientPointsOfPresenceMessagePayload { get; init; } = 2048;

    /// <summary>The largest client <c>MSG</c> payload a switchboard takes from a session speaking <paramref name="dialect"/>.</summary>
    public int ClientMessagePayload(MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.HasPointsOfPresence ? MaxClientPointsOfPresenceMessagePayload : MaxClientMessagePayload;
    }

    /// <summary>Largest payload of other client payload commands (<c>QRY</c>, <c>PAG</c>, <c>PGD</c>, <c>SDC</c>).</summary>
    public int MaxClientOtherPayload { get; init; } = 1664;

    /// <summary>
    /// Largest <c>UUX</c> payload from MSNP16 (before it, <see cref="MaxClientOtherPayload"/>): WLM 2009's
    /// personal status with its two MSNObjects can pass the 1,664 bytes of the other commands
    /// (<c>PersonalStatusLimits.MaxPayloadBytes</c>, docs/limits.md).
    /// </summary>
    public int MaxClientPersonalStatusPayload { get; init; } = 8 * 1024;

    /// <summary>
    /// Largest payload of the MSNP13+ list and document commands a client sends (<c>ADL</c>, <c>RML</c>,
    /// <c>PUT</c>, <c>SDG</c>): Pidgin sends up to 150 contacts per <c>ADL</c>, about 7.5 KB.
    /// </summary>
    public int MaxClientListPayload { get; init; } = 16 * 1024;

    /// <summary>Largest payload a server may send (<c>MSG</c>, <c>NOT</c>, <c>IPG</c>).</summary>
    public int MaxServerPayload { get; init; } = 64 * 1024;

    /// <summary>Most digits accepted in a TrID (2³²−1 has ten).</summary>
    public int MaxTrIdDigits { get; init; } = 10;

    /// <summary>Most digits accepted in a payload length.</summary>
    public int MaxLengthDigits { get; init; } = 9;

    /// <summary>Most tokens (command code included) a line may hold when it is split into parameters.</summary>
    public int MaxTokens { get; init; } = 64;
}
