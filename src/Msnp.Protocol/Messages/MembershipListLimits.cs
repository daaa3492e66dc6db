namespace Msnp.Protocol.Messages;

/// <summary>Bounds on reading an <c>ADL</c>/<c>RML</c>/<c>FQY</c> payload.</summary>
public sealed record MembershipListLimits
{
    /// <summary>The defaults: 16 KiB (the framing limit), 300 contacts.</summary>
    public static MembershipListLimits Default { get; } = new();

    /// <summary>Largest payload read, in bytes (the client list-payload framing limit).</summary>
    public int MaxPayloadBytes { get; init; } = 16 * 1024;

    /// <summary>Most contacts in one payload (Pidgin sends at most 150 per <c>ADL</c>).</summary>
    public int MaxContacts { get; init; } = 300;
}
