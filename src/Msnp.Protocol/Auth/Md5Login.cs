using System.Security.Cryptography;
using System.Text;

namespace Msnp.Protocol.Auth;

/// <summary>
/// The MSNP2–MSNP7 <c>USR … MD5</c> login (catalogue §5.2): the response is the lower-case hex MD5
/// of the challenge string immediately followed by the plain password — not a hash of the password.
/// </summary>
public static class Md5Login
{
    /// <summary>Length of a response in characters (and bytes).</summary>
    public const int ResponseLength = HexDigest.Length;

    /// <summary>Computes the response a client sends in <c>USR TrID MD5 S &lt;response&gt;</c>.</summary>
    public static string ComputeResponse(string challenge, string password) => HexDigest.Md5(challenge, password);

    /// <summary>Computes the response into 32 ASCII bytes, for callers that hold the password as bytes and do not want it in a string.</summary>
    public static void ComputeResponse(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> password, Span<byte> destination) =>
        HexDigest.Md5(challenge, password, destination);

    /// <summary>Checks a client's response in constant time; upper-case hex is tolerated.</summary>
    public static bool Verify(string challenge, string password, ReadOnlySpan<char> response)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(password);
        return Verify(Encoding.UTF8.GetBytes(challenge), Encoding.UTF8.GetBytes(password), response);
    }

    /// <summary>Checks a client's response (as text) in constant time; upper-case hex is tolerated.</summary>
    public static bool Verify(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> password, ReadOnlySpan<char> response)
    {
        Span<byte> expected = stackalloc byte[ResponseLength];
        HexDigest.Md5(challenge, password, expected);
        return HexDigest.FixedTimeEquals(expected, response);
    }

    /// <summary>Checks a client's response as received on the wire, in constant time; upper-case hex is tolerated.</summary>
    public static bool Verify(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> password, ReadOnlySpan<byte> response)
    {
        Span<byte> expected = stackalloc byte[ResponseLength];
        HexDigest.Md5(challenge, password, expected);
        return HexDigest.FixedTimeEquals(expected, response);
    }

    /// <summary>Makes a server challenge shaped like the official one (<c>1056561624.17795</c>): ten digits, a dot, five digits.</summary>
    public static string CreateChallenge(RandomNumberGenerator random) =>
        string.Create(16, random, static (span, rng) =>
        {
            RandomDigits.Fill(span[..10], rng, nonZeroFirst: true);
            span[10] = '.';
            RandomDigits.Fill(span[11..], rng, nonZeroFirst: false);
        });

    /// <summary>As <see cref="CreateChallenge(RandomNumberGenerator)"/> from a seeded <see cref="Random"/> (tests, replayable transcripts).</summary>
    public static string CreateChallenge(Random random) =>
        string.Create(16, random, static (span, rng) =>
        {
            RandomDigits.Fill(span[..10], rng, nonZeroFirst: true);
            span[10] = '.';
            RandomDigits.Fill(span[11..], rng, nonZeroFirst: false);
        });
}
