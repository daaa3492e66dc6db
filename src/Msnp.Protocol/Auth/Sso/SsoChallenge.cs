using System.Security.Cryptography;

namespace Msnp.Protocol.Auth.Sso;

/// <summary>
/// The notification server's half of <c>USR TrID SSO S MBI_KEY_OLD nonce</c> (MSNP15+): the policy
/// the client names for its <c>messengerclear.live.com</c> token, and a fresh nonce for every
/// connection. The nonce is 48 random bytes in base64, i.e. the 64 ASCII characters
/// (<see cref="SsoKeyBlob.NonceLength"/>) that shipped clients encrypt into their fixed 72-byte cipher.
/// </summary>
public static class SsoChallenge
{
    /// <summary>The policy the messenger token is requested under.</summary>
    public const string Policy = "MBI_KEY_OLD";

    /// <summary>Random bytes behind each nonce.</summary>
    public const int RandomBytes = 48;

    /// <summary>A new nonce: base64 of <see cref="RandomBytes"/> random bytes.</summary>
    public static string CreateNonce()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        return Convert.ToBase64String(random);
    }
}
