using System.Security.Cryptography;

namespace Msnp.Server.Storage.Security;

/// <summary>
/// The 256-bit key that encrypts legacy secrets, kept in its own file (mode 0600) beside the
/// database so a copied database alone does not reveal passwords. Created on first use; when two
/// processes race to create it, the first rename wins and the other reads that key.
/// </summary>
internal static class SecretKeyFile
{
    public const int KeyBytes = 32;

    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }

            // Without overwrite the move fails if another process created the key meanwhile.
            File.Move(temp, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            CryptographicOperations.ZeroMemory(key);
            return Read(path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static byte[] Read(string path)
    {
        var key = File.ReadAllBytes(path);
        if (key.Length != KeyBytes)
        {
            throw new CryptographicException($"The key file '{path}' must hold exactly {KeyBytes} bytes.");
        }

        return key;
    }
}
