using System.Security.Cryptography;

namespace Msnp.Server.Passport;

/// <summary>
/// HMAC-SHA256 under a ticket key through one hash object kept per thread for the last key used.
/// The one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> sets up a new OpenSSL context
/// every call (about 1.3 µs here against 0.5 µs for a kept one), and an MSNP15+ sign-in computes 25
/// of these (seven tickets of three MACs each, and the checks). Keys are compared by reference: a
/// ring's keys are arrays it owns and never changes.
/// </summary>
internal static class ThreadHmac
{
    [ThreadStatic]
    private static byte[]? t_key;

    [ThreadStatic]
    private static IncrementalHash? t_hash;

    /// <summary>Writes HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/> to <paramref name="destination"/> (32 bytes).</summary>
    public static void Compute(byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = t_hash;
        if (hash is null || !ReferenceEquals(t_key, key))
        {
            hash?.Dispose();
            t_hash = null;
            hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            t_key = key;
            t_hash = hash;
        }

        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }
}
