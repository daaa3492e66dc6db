namespace Msnp.Client.FileTransfer;

/// <summary>
/// Turns an offered file name into one safe to create inside a chosen folder: no directories,
/// no traversal, no control, reserved, line-separator or bidi-override characters, bounded length.
/// </summary>
public static class SafeFileName
{
    /// <summary>The longest name produced, in characters; well under common 255-byte limits.</summary>
    public const int MaxLength = 120;

    private static readonly string[] ReservedWindowsNames =
    [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>The last path segment of <paramref name="offered"/>, cleaned; <c>file</c> when nothing usable is left.</summary>
    public static string From(string? offered)
    {
        var name = offered ?? string.Empty;
        var slash = name.LastIndexOfAny(['/', '\\']);
        name = name[(slash + 1)..];
        // Control characters, line separators and bidi overrides (a name shown as "exe.txt" that
        // is really "txt.exe") become '_', as do the characters Windows reserves.
        var cleaned = new System.Text.StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            bool replace = Msnp.Protocol.Names.DisplayControls.IsForbidden(rune) || (rune.IsAscii && "<>:\"|?*".Contains((char)rune.Value, StringComparison.Ordinal));
            cleaned.Append(replace ? "_" : rune.ToString());
        }

        name = cleaned.ToString().Trim().TrimEnd('.', ' ').TrimStart('.');
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length is > 0 and <= 16 ? extension : string.Empty;
            name = name[..(MaxLength - extension.Length)] + extension;
        }

        var stem = name.Split('.')[0];
        if (ReservedWindowsNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            name = "_" + name;
        }

        return name.Length == 0 ? "file" : name;
    }
}
