using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Server.Storage.Security;

/// <summary>
/// PBKDF2-SHA256 password hashes in a self-describing text form,
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so the work factor can be raised later
/// without losing the ability to check old hashes.
/// </summary>
internal static class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, iterations, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Checks a password against an encoded hash in constant time.</summary>
    /// <param name="password">The candidate.</param>
    /// <param name="encoded">The stored hash.</param>
    /// <param name="currentIterations">The configured work factor.</param>
    /// <param name="needsRehash">True when the hash matched but was made with fewer iterations than configured.</param>
    public static bool Verify(string password, string encoded, int currentIterations, out bool needsRehash)
    {
        needsRehash = false;
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Derive(password, salt, iterations, expected.Length);
        bool ok = CryptographicOperations.FixedTimeEquals(actual, expected);
        needsRehash = ok && iterations < currentIterations;
        return ok;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Rfc2898DeriveBytes.Pbkdf2(bytes, salt, iterations, HashAlgorithmName.SHA256, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
