namespace Msnp.Protocol.Dialects;

/// <summary>How a contact is named on <c>ILN</c>, <c>NLN</c>, <c>FLN</c> and <c>UBX</c>.</summary>
public enum PresenceHandleStyle
{
    /// <summary>The account alone: <c>NLN NLN bob@example.com …</c> (MSNP2–13).</summary>
    Account,

    /// <summary>The account, then the network id as its own token: <c>NLN NLN bob@example.com 1 …</c> (MSNP14–17).</summary>
    AccountAndNetwork,

    /// <summary>One token, network id first: <c>NLN NLN 1:bob@example.com …</c> (MSNP18).</summary>
    NetworkPrefixed,
}
