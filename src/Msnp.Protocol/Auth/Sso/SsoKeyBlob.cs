using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Protocol.Auth.Sso;

/// <summary>
/// The answer a client gives to <c>USR TrID SSO S MBI_KEY_OLD nonce</c> (MSNP13+): a 128-byte blob,
/// base64 on the wire, that proves it holds the <c>BinarySecret</c> issued with its
/// <c>messengerclear.live.com</c> token. Layout (little-endian, Pidgin's <c>msn_rps_encrypt</c>):
/// seven header fields (header size 28, CBC mode 1, cipher 0x6603 = 3DES, hash 0x8004 = SHA-1,
/// IV size 8, hash size 20, cipher size 72), the IV, HMAC-SHA1 of the nonce under the
/// "SESSION KEY HASH" key, and the nonce with PKCS#7 padding encrypted with 3DES-CBC under the
/// "SESSION KEY ENCRYPTION" key. Shipped clients fix the cipher at 72 bytes, so nonces are 64 bytes.
/// </summary>
public static class SsoKeyBlob
{
    /// <summary>The nonce length shipped clients can answer (64 bytes encrypt to the fixed 72).</summary>
    public const int NonceLength = 64;

    /// <summary>The blob length: 28 header + 8 IV + 20 hash + 72 cipher.</summary>
    public const int Length = HeaderLength + IvLength + HashLength + CipherLength;

    private const int HeaderLength = 28;
    private const int IvLength = 8;
    private const int HashLength = 20;
    private const int CipherLength = NonceLength + 8;
    private const int CbcMode = 1;
    private const int TripleDes = 0x6603;
    private const int Sha1 = 0x8004;

    /// <summary>Computes the base64 answer for <paramref name="nonce"/> (the client side).</summary>
    /// <param name="secret">The decoded <c>BinarySecret</c> of the messenger token.</param>
    /// <param name="nonce">The nonce from <c>USR … SSO S MBI_KEY_OLD</c>, exactly <see cref="NonceLength"/> ASCII bytes.</param>
    /// <param name="iv">The 8-byte IV; random when omitted.</param>
    public static string Create(ReadOnlySpan<byte> secret, string nonce, ReadOnlySpan<byte> iv = default)
    {
        var nonceBytes = NonceBytes(nonce);
        Span<byte> blob = stackalloc byte[Length];
        BinaryPrimitives.WriteInt32LittleEndian(blob, HeaderLength);
        BinaryPrimitives.WriteInt32LittleEndian(blob[4..], CbcMode);
        BinaryPrimitives.WriteInt32LittleEndian(blob[8..], TripleDes);
        BinaryPrimitives.WriteInt32LittleEndian(blob[12..], Sha1);
        BinaryPrimitives.WriteInt32LittleEndian(blob[16..], IvLength);
        BinaryPrimitives.WriteInt32LittleEndian(blob[20..], HashLength);
        BinaryPrimitives.WriteInt32LittleEndian(blob[24..], CipherLength);

        var ivSlot = blob.Slice(HeaderLength, IvLength);
        if (iv.IsEmpty)
        {
            RandomNumberGenerator.Fill(ivSlot);
        }
        else if (iv.Length != IvLength)
        {
            throw new ArgumentException($"The IV is {IvLength} bytes.", nameof(iv));
        }
        else
        {
            iv.CopyTo(ivSlot);
        }

        HMACSHA1.HashData(SsoKeyDerivation.Derive(secret, SsoKeyDerivation.HashSeed), nonceBytes, blob.Slice(HeaderLength + IvLength, HashLength));
        using var des = TripleDES.Create();
        des.Key = SsoKeyDerivation.Derive(secret, SsoKeyDerivation.EncryptionSeed);
        des.EncryptCbc(nonceBytes, ivSlot, blob[(HeaderLength + IvLength + HashLength)..], PaddingMode.PKCS7);
        return Convert.ToBase64String(blob);
    }

    /// <summary>
    /// True when <paramref name="answer"/> is a well-formed blob for <paramref name="nonce"/> under
    /// <paramref name="secret"/>: the header is the one above, the HMAC matches (compared in constant
    /// time) and the cipher decrypts to the nonce. Never throws for any input.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> secret, string nonce, ReadOnlySpan<char> answer)
    {
        if (nonce.Length != NonceLength || !Ascii.IsValid(nonce) || answer.Length > 4 * ((Length + 2) / 3))
        {
            return false;
        }

        Span<byte> blob = stackalloc byte[Length];
        if (!Convert.TryFromBase64Chars(answer, blob, out int written) || written != Length
            || BinaryPrimitives.ReadInt32LittleEndian(blob) != HeaderLength
            || BinaryPrimitives.ReadInt32LittleEndian(blob[4..]) != CbcMode
            || BinaryPrimitives.ReadInt32LittleEndian(blob[8..]) != TripleDes
            || BinaryPrimitives.ReadInt32LittleEndian(blob[12..]) != Sha1
            || BinaryPrimitives.ReadInt32LittleEndian(blob[16..]) != IvLength
            || BinaryPrimitives.ReadInt32LittleEndian(blob[20..]) != HashLength
            || BinaryPrimitives.ReadInt32LittleEndian(blob[24..]) != CipherLength)
        {
            return false;
        }

        var nonceBytes = Encoding.ASCII.GetBytes(nonce);
        Span<byte> expected = stackalloc byte[HashLength];
        HMACSHA1.HashData(SsoKeyDerivation.Derive(secret, SsoKeyDerivation.HashSeed), nonceBytes, expected);
        bool hashMatches = CryptographicOperations.FixedTimeEquals(expected, blob.Slice(HeaderLength + IvLength, HashLength));

        Span<byte> plain = stackalloc byte[CipherLength];
        using var des = TripleDES.Create();
        des.Key = SsoKeyDerivation.Derive(secret, SsoKeyDerivation.EncryptionSeed);
        bool decrypts = des.TryDecryptCbc(blob[(HeaderLength + IvLength + HashLength)..], blob.Slice(HeaderLength, IvLength), plain, out int plainLength, PaddingMode.None)
            && plainLength == CipherLength
            && CryptographicOperations.FixedTimeEquals(plain[..NonceLength], nonceBytes)
            && plain[NonceLength..].IndexOfAnyExcept((byte)8) < 0;
        return hashMatches & decrypts;
    }

    private static byte[] NonceBytes(string nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        if (nonce.Length != NonceLength || !Ascii.IsValid(nonce))
        {
            throw new ArgumentException($"The nonce is {NonceLength} ASCII characters.", nameof(nonce));
        }

        return Encoding.ASCII.GetBytes(nonce);
    }
}
