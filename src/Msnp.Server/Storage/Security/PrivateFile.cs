using System.Security.Cryptography;

namespace Msnp.Server.Storage.Security;

/// <summary>
/// Writes secrets (the database and its secret key, the ticket key, the certificate's private key)
/// so that only the owner can read them and no other process ever sees a half-written file.
/// </summary>
internal static class PrivateFile
{
    /// <summary>Owner read/write only (0600).</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the data directory owner-only (0700) if it does not exist yet.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Writes <paramref name="contents"/> to a temporary file created with <paramref name="mode"/>, then
    /// renames it into place. Returns <see langword="false"/> when <paramref name="overwrite"/> is off and
    /// the file already exists (another process won the race).
    /// </summary>
    public static bool Write(string path, ReadOnlySpan<byte> contents, UnixFileMode mode, bool overwrite)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite);
                return true;
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Reads a random key of exactly <paramref name="length"/> bytes, creating it (0600) on first use.
    /// When processes race to create it, the first rename wins and the others read that key.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists with another length. It is never
    /// replaced: whatever the old key protected (secrets, signed tickets) would become unreadable.</exception>
    public static byte[] LoadOrCreateKey(string path, int length)
    {
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(length);
            if (Write(path, fresh, OwnerOnly, overwrite: false))
            {
                return fresh;
            }

            CryptographicOperations.ZeroMemory(fresh);
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != length)
        {
            throw new InvalidDataException($"{path} holds {key.Length} bytes, expected a {length}-byte key.");
        }

        return key;
    }
}
