using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Auth;

/// <summary>The documented CHL/QRY key pairs valid for the MD5 algorithm of MSNP6–MSNP10 (catalogue §5.9).</summary>
public static class ChallengeKeys
{
    /// <summary><c>msmsgs@msnmsgr.com</c> / <c>Q1P7W2E4J9R8U3S5</c>: the pair hypothetic documents, used since client 3.6.0038.</summary>
    public static ChallengeKey Default { get; } = new("msmsgs@msnmsgr.com", "Q1P7W2E4J9R8U3S5");

    /// <summary>Every documented pair, <see cref="Default"/> first; the server accepts any of them.</summary>
    public static IReadOnlyList<ChallengeKey> Documented { get; } =
    [
        Default,
        new("PROD0038W!61ZTF9", "VT6PX?UQTM4WM%YR"),
        new("PROD0058#7IL2{QD", "QHDCY@7R1TB6W?5B"),
        new("PROD0061VRRZH@4F", "JXQ6J@TUOGYV@N0M"),
        new("PROD00504RLUG%WL", "I2EBK%PYNLZL5_J4"),
        new("PROD0076ENE8*@AW", "CEQJ8}OE0!WTSWII"),
    ];

    /// <summary>
    /// The product id/key pairs of the MSNP11 algorithm for MSNP11–12 clients (MSN 7.0/7.5;
    /// msn-pecan answers with the second). The first is what our client sends.
    /// </summary>
    public static IReadOnlyList<ChallengeKey> Msnp11 { get; } =
    [
        new("PROD0090YUAUV{2B", "YMM8C_H7KCQ2S_KL"),
        new("PROD0101{0RM?UBW", "CFHUR$52U_{VIX5T"),
    ];

    /// <summary>The MSNP11-algorithm pair of Windows Live Messenger 8.0–8.1 clients at MSNP13–14 (Pidgin 2.3–2.4 <c>MSNP13_WLM_PRODUCT_ID</c>).</summary>
    public static IReadOnlyList<ChallengeKey> Msnp13 { get; } =
    [
        new("PROD01065C%ZFN6F", "O4BG@C7BWLYQX?5G"),
    ];

    /// <summary>
    /// The pairs for MSNP15–18: Windows Live Messenger 8.5 (Pidgin 2.5+ answers with it even at
    /// MSNP18, so it is first and ours) and Windows Live Messenger 2009 (BitlBee 3.2).
    /// </summary>
    public static IReadOnlyList<ChallengeKey> Msnp15 { get; } =
    [
        new("PROD0119GSJUC$18", "ILTXC!4IXB5FB*PX"),
        new("PROD0120PW!CCV9@", "C1BX{V4W}Q3*10SM"),
    ];

    /// <summary>Finds the pair for a client id (exact, case-sensitive match, as the ids are fixed strings).</summary>
    public static bool TryFind(ReadOnlySpan<char> clientId, IReadOnlyList<ChallengeKey> keys, [NotNullWhen(true)] out ChallengeKey? key)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var candidate in keys)
        {
            if (clientId.SequenceEqual(candidate.ClientId))
            {
                key = candidate;
                return true;
            }
        }

        key = null;
        return false;
    }
}
