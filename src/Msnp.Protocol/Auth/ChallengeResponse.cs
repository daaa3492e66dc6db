using System.Security.Cryptography;
using System.Text;

namespace Msnp.Protocol.Auth;

/// <summary>
/// The CHL/QRY challenge of MSNP6–MSNP9 (catalogue §5.9): the client answers <c>CHL 0 &lt;challenge&gt;</c>
/// with <c>QRY TrID &lt;clientId&gt; 32</c> and the payload lower-hex MD5(challenge ‖ privateKey).
/// </summary>
public static class ChallengeResponse
{
    /// <summary>Length of the QRY payload in bytes.</summary>
    public const int DigestLength = HexDigest.Length;

    /// <summary>Length of a challenge made by <see cref="CreateChallenge(RandomNumberGenerator)"/>.</summary>
    public const int ChallengeLength = 20;

    /// <summary>Computes the QRY payload with the <see cref="ChallengeKeys.Default"/> key.</summary>
    public static string ComputeDigest(string challenge) => ComputeDigest(challenge, ChallengeKeys.Default);

    /// <summary>Computes the QRY payload for a key pair.</summary>
    public static string ComputeDigest(string challenge, ChallengeKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return HexDigest.Md5(challenge, key.PrivateKey);
    }

    /// <summary>Computes the QRY payload into 32 ASCII bytes without allocating.</summary>
    public static void ComputeDigest(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> privateKey, Span<byte> destination) =>
        HexDigest.Md5(challenge, privateKey, destination);

    /// <summary>Server side: checks a QRY against the <see cref="ChallengeKeys.Documented"/> pairs.</summary>
    public static ChallengeVerification Verify(string challenge, ReadOnlySpan<char> clientId, ReadOnlySpan<byte> payload) =>
        Verify(challenge, clientId, payload, ChallengeKeys.Documented);

    /// <summary>
    /// Server side: checks a QRY against the accepted pairs in constant time. To accept an answer to
    /// the previous challenge as well (yellows says the official server did), call it once per challenge.
    /// </summary>
    public static ChallengeVerification Verify(string challenge, ReadOnlySpan<char> clientId, ReadOnlySpan<byte> payload, IReadOnlyList<ChallengeKey> acceptedKeys)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!ChallengeKeys.TryFind(clientId, acceptedKeys, out var key))
        {
            return ChallengeVerification.UnknownClientId;
        }

        if (payload.Length != DigestLength)
        {
            return ChallengeVerification.WrongLength;
        }

        Span<byte> expected = stackalloc byte[DigestLength];
        HexDigest.Md5(Encoding.UTF8.GetBytes(challenge), Encoding.UTF8.GetBytes(key.PrivateKey), expected);
        return HexDigest.FixedTimeEquals(expected, payload) ? ChallengeVerification.Valid : ChallengeVerification.WrongDigest;
    }

    /// <summary>The QRY payload a client of <paramref name="dialect"/> sends, with the dialect's own product pair.</summary>
    public static string ComputeDigest(string challenge, Dialects.MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var key = dialect.ClientChallengeKey ?? throw new NotSupportedException($"{dialect.Name} has no challenges.");
        return dialect.Challenge == Dialects.ChallengeAlgorithm.Msnp11 ? Msnp11Challenge.ComputeDigest(challenge, key) : ComputeDigest(challenge, key);
    }

    /// <summary>Server side: checks a QRY with the algorithm and product pairs of <paramref name="dialect"/>.</summary>
    public static ChallengeVerification Verify(string challenge, ReadOnlySpan<char> clientId, ReadOnlySpan<byte> payload, Dialects.MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.Challenge == Dialects.ChallengeAlgorithm.Msnp11
            ? Msnp11Challenge.Verify(challenge, clientId, payload, dialect.ChallengeKeys)
            : Verify(challenge, clientId, payload, dialect.ChallengeKeys);
    }

    /// <summary>Makes a challenge like the official server's: 20 decimal digits, the first non-zero.</summary>
    public static string CreateChallenge(RandomNumberGenerator random) =>
        string.Create(ChallengeLength, random, static (span, rng) => RandomDigits.Fill(span, rng, nonZeroFirst: true));

    /// <summary>As <see cref="CreateChallenge(RandomNumberGenerator)"/> from a seeded <see cref="Random"/> (tests, replayable transcripts).</summary>
    public static string CreateChallenge(Random random) =>
        string.Create(ChallengeLength, random, static (span, rng) => RandomDigits.Fill(span, rng, nonZeroFirst: true));
}
