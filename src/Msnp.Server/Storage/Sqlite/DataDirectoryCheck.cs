using System.Security.Cryptography;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// Refuses to open a data directory whose files no longer belong together, instead of quietly
/// starting afresh: a database that was emptied or cannot be read while the keys made for it are
/// still there, or MD5 secrets without the key that decrypts them. Each refusal is one line naming
/// the file (docs/storage.md, "Start-up checks").
/// </summary>
internal static class DataDirectoryCheck
{
    /// <summary>Before the database is opened: a 0-byte or unreadable file next to existing key files.</summary>
    public static void BeforeOpen(StorageOptions options)
    {
        var database = options.DatabasePath;
        if (!File.Exists(database))
        {
            return;
        }

        var keys = KeyFiles(options).Where(File.Exists).ToArray();
        if (keys.Length == 0)
        {
            return;
        }

        long length;
        try
        {
            using var stream = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DataDirectoryException($"The database {database} may not be read by this user (it belongs to another user, or its permissions forbid it); run as its owner or fix its permissions (chown, chmod).", ex);
        }
        catch (IOException ex)
        {
            throw new DataDirectoryException($"The database {database} cannot be read ({ex.Message}) while {Path.GetFileName(keys[0])} exists; fix its permissions or restore it from a backup.", ex);
        }

        if (length == 0)
        {
            throw new DataDirectoryException($"The database {database} is empty (0 bytes) while {Path.GetFileName(keys[0])} exists: the data was lost; restore it from a backup, or move the directory away to start afresh.");
        }
    }

    /// <summary>Wraps a failure to open or check the database into one line naming it.</summary>
    public static DataDirectoryException Unreadable(StorageOptions options, Exception cause) =>
        new($"The database {options.DatabasePath} cannot be opened: {FirstLine(cause.InnerException?.Message ?? cause.Message)}; restore it from a backup.", cause);

    /// <summary>The answer of <c>PRAGMA quick_check</c> when it is not "ok".</summary>
    public static DataDirectoryException Damaged(StorageOptions options, string answer) =>
        new($"The database {options.DatabasePath} failed SQLite's quick_check ({FirstLine(answer)}); restore it from a backup.");

    /// <summary>
    /// After the database is open: when accounts with MD5 secrets exist, <c>secret.key</c> must exist
    /// and decrypt one of them. A fresh key would make every MD5 sign-in fail without a word.
    /// </summary>
    public static byte[] LoadSecretKey(StorageOptions options, (string Email, byte[] Record)? sample)
    {
        var path = options.KeyPath;
        if (sample is null)
        {
            return SecretKeyFile.LoadOrCreate(path);
        }

        if (!File.Exists(path))
        {
            throw new DataDirectoryException($"The key {path} is missing but the database holds MD5 secrets encrypted with it; restore the key file from a backup.");
        }

        byte[] key;
        try
        {
            key = SecretKeyFile.LoadOrCreate(path);
        }
        catch (InvalidDataException ex)
        {
            throw new DataDirectoryException($"The key {path} is not a key ({ex.Message}); restore the key file from a backup.", ex);
        }

        try
        {
            new LegacySecretProtector(key).Unprotect(sample.Value.Record, sample.Value.Email);
        }
        catch (CryptographicException ex)
        {
            throw new DataDirectoryException($"The key {path} does not decrypt the database's MD5 secrets (another data directory's key?); restore the right key file.", ex);
        }

        return key;
    }

    private static IEnumerable<string> KeyFiles(StorageOptions options) =>
    [
        options.KeyPath,
        Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, Passport.TicketSigningKey.FileName),
    ];

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
