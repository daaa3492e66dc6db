using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Protocol.Auth;

/// <summary>
/// The CHL/QRY challenge answer of MSNP11 and later: <c>QRY TrID productId 32</c> with 32 lower-hex
/// characters. MD5(challenge ‖ product key) is split into four little-endian integers; the challenge
/// followed by the product id, padded with ASCII <c>0</c> to a multiple of 8 bytes, is folded into
/// two 31-bit values with those integers; both are XORed back into the hash. Follows Pidgin's
/// <c>msn_handle_chl</c> (msnutils.c), which pads only when the length is not already a multiple of 8.
/// </summary>
public static class Msnp11Challenge
{
    private const long Modulus = 0x7FFFFFFF;
    private const long Multiplier = 0x0E79A9C1;

    /// <summary>Computes the QRY payload for a challenge and a product id/key pair.</summary>
    public static string ComputeDigest(string challenge, ChallengeKey key)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hex = stackalloc byte[HexDigest.Length];
        ComputeDigest(Encoding.UTF8.GetBytes(challenge), Encoding.UTF8.GetBytes(key.ClientId), Encoding.UTF8.GetBytes(key.PrivateKey), hex);
        return Encoding.ASCII.GetString(hex);
    }

    /// <summary>Computes the QRY payload into 32 ASCII bytes.</summary>
    public static void ComputeDigest(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> productId, ReadOnlySpan<byte> productKey, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HexDigest.Length, nameof(destination));

        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        using (var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
        {
            md5.AppendData(challenge);
            md5.AppendData(productKey);
            md5.GetHashAndReset(hash);
        }

        Span<uint> parts = stackalloc uint[4];
        Span<long> masked = stackalloc long[4];
        for (int i = 0; i < 4; i++)
        {
            parts[i] = BinaryPrimitives.ReadUInt32LittleEndian(hash[(i * 4)..]);
            masked[i] = parts[i] & 0x7FFFFFFF;
        }

        int length = challenge.Length + productId.Length;
        int padded = (length + 7) & ~7;
        byte[] buffer = new byte[padded];
        challenge.CopyTo(buffer);
        productId.CopyTo(buffer.AsSpan(challenge.Length));
        buffer.AsSpan(length).Fill((byte)'0');

        long high = 0, low = 0;
        for (int offset = 0; offset < padded; offset += 8)
        {
            long first = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));
            long second = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 4));
            long temp = Multiplier * first % Modulus;
            temp = ((masked[0] * (temp + low)) + masked[1]) % Modulus;
            high += temp;
            temp = (second + temp) % Modulus;
            low = ((masked[2] * temp) + masked[3]) % Modulus;
            high += low;
        }

        low = (low + masked[1]) % Modulus;
        high = (high + masked[3]) % Modulus;
        parts[0] ^= (uint)low;
        parts[1] ^= (uint)high;
        parts[2] ^= (uint)low;
        parts[3] ^= (uint)high;

        Span<byte> result = stackalloc byte[MD5.HashSizeInBytes];
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result[(i * 4)..], parts[i]);
        }

        const string HexChars = "0123456789abcdef";
        for (int i = 0; i < result.Length; i++)
        {
            destination[i * 2] = (byte)HexChars[result[i] >> 4];
            destination[(i * 2) + 1] = (byte)HexChars[result[i] & 0xF];
        }
    }

    /// <summary>Server side: checks a QRY against the accepted pairs in constant time.</summary>
    public static ChallengeVerification Verify(string challenge, ReadOnlySpan<char> productId, ReadOnlySpan<byte> payload, IReadOnlyList<ChallengeKey> acceptedKeys)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!ChallengeKeys.TryFind(productId, acceptedKeys, out var key))
        {
            return ChallengeVerification.UnknownClientId;
        }

        if (payload.Length != HexDigest.Length)
        {
            return ChallengeVerification.WrongLength;
        }

        Span<byte> expected = stackalloc byte[HexDigest.Length];
        ComputeDigest(Encoding.UTF8.GetBytes(challenge), Encoding.UTF8.GetBytes(key.ClientId), Encoding.UTF8.GetBytes(key.PrivateKey), expected);
        return HexDigest.FixedTimeEquals(expected, payload) ? ChallengeVerification.Valid : ChallengeVerification.WrongDigest;
    }
}
