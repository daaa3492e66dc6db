namespace Msnp.Server.Storage.Security;

/// <summary>
/// The 256-bit key that encrypts legacy secrets, kept in its own file (mode 0600) beside the
/// database so a copied database alone does not reveal passwords. Created on first use.
/// </summary>
internal static class SecretKeyFile
{
    public const int KeyBytes = 32;

    /// <exception cref="InvalidDataException">The file is not a key of <see cref="KeyBytes"/> bytes.</exception>
    public static byte[] LoadOrCreate(string path) => PrivateFile.LoadOrCreateKey(path, KeyBytes);
}
