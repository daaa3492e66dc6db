using System.Security.Cryptography;
using System.Text;
using Msnp.Protocol.Auth;

namespace Msnp.Protocol.Oim;

/// <summary>
/// The lock key of OIM <c>Store</c>: the service answers a request without a valid <c>lockkey</c>
/// with the fault <c>q0:AuthenticationFailed</c> carrying a <c>LockKeyChallenge</c>; the client
/// answers that challenge with the MSNP11 challenge algorithm and its product pair (the <c>appid</c>
/// attribute names the product id) and sends the request again (Pidgin <c>oim.c</c>,
/// <c>msn_oim_send_read_cb</c>). It proves a client that knows a product key, as <c>QRY</c> does.
/// </summary>
public static class OimLockKey
{
    /// <summary>
    /// The product pairs accepted for the lock key: those of MSNP11–12 (MSN 7.x), MSNP13–14 (WLM 8.0),
    /// MSNP15+ (WLM 8.5, Pidgin, BitlBee) and WLM 2009 (later-dialects.md).
    /// </summary>
    public static IReadOnlyList<ChallengeKey> AcceptedKeys { get; } =
    [
        new("PROD0119GSJUC$18", "ILTXC!4IXB5FB*PX"),
        new("PROD0120PW!CCV9@", "C1BX{V4W}Q3*10SM"),
        new("PROD01065C%ZFN6F", "O4BG@C7BWLYQX?5G"),
        .. ChallengeKeys.Msnp11,
    ];

    /// <summary>The pair the client library sends (Pidgin's and BitlBee's <c>MSNP15_WLM_PRODUCT_ID</c>).</summary>
    public static ChallengeKey ClientKey => AcceptedKeys[0];

    /// <summary>
    /// The challenge for a ticket: 20 decimal digits derived from the ticket, so every node gives the
    /// same challenge for the same ticket without keeping state, and a client's lock key stays valid
    /// as long as its ticket does (Pidgin computes it once and reuses it).
    /// </summary>
    public static string ChallengeFor(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("msnp-oim-lockkey\0" + ticket));
        var digits = new char[ChallengeResponse.ChallengeLength];
        for (int i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + (hash[i] % 10));
        }

        if (digits[0] == '0')
        {
            digits[0] = '1';
        }

        return new string(digits);
    }

    /// <summary>The lock key a client sends for <paramref name="challenge"/>.</summary>
    public static string Answer(string challenge, ChallengeKey key) => Msnp11Challenge.ComputeDigest(challenge, key);

    /// <summary>True when <paramref name="lockKey"/> answers <paramref name="challenge"/> for the product <paramref name="productId"/>.</summary>
    public static bool Verify(string challenge, string? productId, string? lockKey) =>
        productId is not null && lockKey is not null
        && Msnp11Challenge.Verify(challenge, productId, Encoding.ASCII.GetBytes(lockKey), AcceptedKeys) == ChallengeVerification.Valid;
}
