using System.Security.Cryptography;

namespace Msnp.Protocol.Auth;

/// <summary>Fills decimal digits from a caller's random source, so challenge generators stay deterministic under test.</summary>
internal static class RandomDigits
{
    public static void Fill(Span<char> destination, RandomNumberGenerator random, bool nonZeroFirst)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> pool = stackalloc byte[32];
        int next = pool.Length;
        for (int i = 0; i < destination.Length; i++)
        {
            bool nonZero = nonZeroFirst && i == 0;
            int span = nonZero ? 9 : 10;
            int limit = 256 - (256 % span); // rejection sampling keeps every digit equally likely
            int value;
            do
            {
                if (next == pool.Length)
                {
                    random.GetBytes(pool);
                    next = 0;
                }

                value = pool[next++];
            }
            while (value >= limit);

            destination[i] = (char)('0' + (nonZero ? 1 : 0) + (value % span));
        }
    }

    public static void Fill(Span<char> destination, Random random, bool nonZeroFirst)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (char)('0' + (nonZeroFirst && i == 0 ? random.Next(1, 10) : random.Next(10)));
        }
    }
}
