using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Protocol.Auth;

/// <summary>The one digest shape MSNP uses everywhere: lower-case hex MD5 of two strings run together.</summary>
internal static class HexDigest
{
    public const int Length = 32;

    public static void Md5(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination needs {Length} bytes.", nameof(destination));
        }

        int total = first.Length + second.Length;
        byte[]? rented = null;
        Span<byte> input = total <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            first.CopyTo(input);
            second.CopyTo(input[first.Length..]);
            Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
            MD5.HashData(input[..total], hash);
            ToLowerHex(hash, destination);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, total));
                ArrayPool<byte>.Shared.Return(rented);
            }
            else
            {
                CryptographicOperations.ZeroMemory(input[..total]);
            }
        }
    }

    public static string Md5(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Span<byte> digest = stackalloc byte[Length];
        Md5(Encoding.UTF8.GetBytes(first), Encoding.UTF8.GetBytes(second), digest);
        return Encoding.ASCII.GetString(digest);
    }

    /// <summary>
    /// Compares a presented hex digest with the expected lower-case one in time independent of where
    /// they differ. Upper-case hex is accepted; only the length (not secret) short-circuits.
    /// </summary>
    public static bool FixedTimeEquals(ReadOnlySpan<byte> expectedLowerHex, ReadOnlySpan<byte> presented)
    {
        if (presented.Length != expectedLowerHex.Length || presented.Length > Length)
        {
            return false;
        }

        Span<byte> lowered = stackalloc byte[Length];
        for (int i = 0; i < presented.Length; i++)
        {
            byte b = presented[i];
            lowered[i] = b is >= (byte)'A' and <= (byte)'F' ? (byte)(b | 0x20) : b;
        }

        return CryptographicOperations.FixedTimeEquals(expectedLowerHex, lowered[..presented.Length]);
    }

    /// <summary>As <see cref="FixedTimeEquals(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> for a presented digest held as text.</summary>
    public static bool FixedTimeEquals(ReadOnlySpan<byte> expectedLowerHex, ReadOnlySpan<char> presented)
    {
        if (presented.Length != expectedLowerHex.Length || presented.Length > Length || !Ascii.IsValid(presented))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        Ascii.FromUtf16(presented, bytes, out int n);
        return FixedTimeEquals(expectedLowerHex, bytes[..n]);
    }

    private static void ToLowerHex(ReadOnlySpan<byte> hash, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (int i = 0; i < hash.Length; i++)
        {
            destination[2 * i] = digits[hash[i] >> 4];
            destination[(2 * i) + 1] = digits[hash[i] & 0xF];
        }
    }
}
