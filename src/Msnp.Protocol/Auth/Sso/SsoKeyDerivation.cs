using System.Security.Cryptography;

namespace Msnp.Protocol.Auth.Sso;

/// <summary>
/// The key derivation of the MSNP13+ SSO answer: WS-SecureConversation's P_SHA1 (the TLS 1.0 PRF
/// shape, HMAC-SHA1 keyed with the messenger token's <c>BinarySecret</c>) cut to a 24-byte 3DES key,
/// as Pidgin's <c>rps_create_key</c> computes it.
/// </summary>
public static class SsoKeyDerivation
{
    /// <summary>The label that precedes every seed.</summary>
    public static ReadOnlySpan<byte> Label => "WS-SecureConversation"u8;

    /// <summary>The seed of the key that signs the nonce.</summary>
    public static ReadOnlySpan<byte> HashSeed => "SESSION KEY HASH"u8;

    /// <summary>The seed of the key that encrypts the nonce.</summary>
    public static ReadOnlySpan<byte> EncryptionSeed => "SESSION KEY ENCRYPTION"u8;

    /// <summary>The length of a derived key (a 3DES key; also the HMAC key).</summary>
    public const int KeyLength = 24;

    /// <summary>Derives the 24-byte key for <paramref name="seed"/> from <paramref name="secret"/>.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed)
    {
        // labelSeed = label || seed; A1 = HMAC(labelSeed); A2 = HMAC(A1);
        // output = HMAC(A1 || labelSeed) || HMAC(A2 || labelSeed), first 24 bytes.
        Span<byte> labelSeed = stackalloc byte[Label.Length + seed.Length];
        Label.CopyTo(labelSeed);
        seed.CopyTo(labelSeed[Label.Length..]);

        Span<byte> a1 = stackalloc byte[HMACSHA1.HashSizeInBytes];
        Span<byte> a2 = stackalloc byte[HMACSHA1.HashSizeInBytes];
        Span<byte> block = stackalloc byte[HMACSHA1.HashSizeInBytes * 2];
        Span<byte> input = stackalloc byte[HMACSHA1.HashSizeInBytes + labelSeed.Length];

        HMACSHA1.HashData(secret, labelSeed, a1);
        HMACSHA1.HashData(secret, a1, a2);

        a1.CopyTo(input);
        labelSeed.CopyTo(input[a1.Length..]);
        HMACSHA1.HashData(secret, input, block[..HMACSHA1.HashSizeInBytes]);

        a2.CopyTo(input);
        HMACSHA1.HashData(secret, input, block[HMACSHA1.HashSizeInBytes..]);

        return block[..KeyLength].ToArray();
    }
}
