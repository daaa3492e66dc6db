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

    /// <summary>MSNP16+: several points of presence; the new endpoint joins the others.</summary>
    AddEndpoint,
}

/// <summary>Which <see cref="EndpointPolicy"/> a dialect signs in with.</summary>
public static class EndpointPolicies
{
    /// <summary>The policy of <paramref name="dialect"/>: several endpoints where it has points of presence (MSNP16+).</summary>
    public static EndpointPolicy For(MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.HasPointsOfPresence ? EndpointPolicy.AddEndpoint : EndpointPolicy.ReplaceOthers;
    }
}
