using Msnp.Server.Storage.Security;

namespace Msnp.Server.Passport;

/// <summary>
/// The HMAC key tickets are signed with: created once in the data directory (0600) so tickets survive
/// restarts, and shareable between nodes by copying the file.
/// </summary>
public static class TicketSigningKey
{
    /// <summary>The key file's name inside the data directory.</summary>
    public const string FileName = "passport-ticket.key";

    /// <summary>Key length in bytes (the HMAC-SHA256 block size would allow more; 32 is plenty).</summary>
    public const int Length = 32;

    /// <summary>Reads the key from <paramref name="dataDirectory"/>, creating it on first use.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a key; it is never silently replaced,
    /// because that would invalidate every ticket other nodes still accept.</exception>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        PrivateFile.EnsureDirectory(dataDirectory);
        return PrivateFile.LoadOrCreateKey(Path.Combine(dataDirectory, FileName), Length);
    }
}
