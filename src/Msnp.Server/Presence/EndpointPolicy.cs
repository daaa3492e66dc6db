using Msnp.Protocol.Dialects;

namespace Msnp.Server.Presence;

/// <summary>What a new sign-in does to the account's other endpoints.</summary>
public enum EndpointPolicy
{
    /// <summary>
    /// Up to MSNP15: one endpoint per account. The new sign-in displaces the others, which the
    /// caller signs out with <c>OUT OTH</c>.
    /// </summary>
    ReplaceOthers,

    /// <summary>
    /// MSNP16+: several points of presence. The new endpoint joins the others that are points of
    /// presence too (signed in at MSNP16+ with another machine GUID); it displaces an endpoint of the
    /// same machine, every pre-MSNP16 endpoint, and the oldest ones beyond
    /// <see cref="EndpointPolicies.MaxPointsOfPresence"/>.
    /// </summary>
    AddEndpoint,

    /// <summary>Puts back an endpoint that is still signed in (a cluster grain restarted empty); displaces nothing.</summary>
    KeepOthers,
}

/// <summary>Which <see cref="EndpointPolicy"/> a dialect signs in with.</summary>
public static class EndpointPolicies
{
    /// <summary>
    /// Most points of presence one account keeps at once (docs/limits.md): a sign-in beyond it
    /// displaces the oldest with <c>OUT OTH</c>, so a client that reconnects under new GUIDs in a loop
    /// cannot grow the account's record, its <c>UBX</c> or a switchboard's roster without bound.
    /// </summary>
    public const int MaxPointsOfPresence = 8;

    /// <summary>The policy of <paramref name="dialect"/>: several endpoints where it has points of presence (MSNP16+).</summary>
    public static EndpointPolicy For(MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.HasPointsOfPresence ? EndpointPolicy.AddEndpoint : EndpointPolicy.ReplaceOthers;
    }
}
