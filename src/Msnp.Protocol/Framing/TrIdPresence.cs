namespace Msnp.Protocol.Framing;

/// <summary>Whether the token after a command code is a transaction id.</summary>
public enum TrIdPresence : byte
{
    /// <summary>The first parameter is always a TrID; a missing or non-numeric one is a violation.</summary>
    Required,

    /// <summary>The command never carries a TrID (<c>PNG</c>, <c>NLN</c>, incoming <c>MSG</c> …).</summary>
    None,

    /// <summary>
    /// The command has a TrID-bearing form and a TrID-less form whose first parameter is never
    /// numeric (<c>GTC A</c> inside an MSNP8 <c>SYN</c> versus <c>GTC 5 12 A</c> as a reply).
    /// </summary>
    WhenNumeric,
}
