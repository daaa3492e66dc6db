namespace Msnp.Server.Passport;

/// <summary>
/// Writes secrets (the ticket key, the certificate's private key) so that only the owner can read
/// them and no other process ever sees a half-written file.
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
}
