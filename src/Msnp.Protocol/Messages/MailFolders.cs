namespace Msnp.Protocol.Messages;

/// <summary>Folder names in e-mail notifications.</summary>
public static class MailFolders
{
    /// <summary>The inbox.</summary>
    public const string Inbox = "ACTIVE";

    /// <summary>Hotmail's deleted-items folder.</summary>
    public const string DeletedItems = ".!!trAsH";

    /// <summary>True for the inbox.</summary>
    public static bool IsInbox(string? folder) => string.Equals(folder, Inbox, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for deleted items: clients recognise any name containing <c>trAsH</c>.</summary>
    public static bool IsDeletedItems(string? folder) => folder is not null && folder.Contains("trAsH", StringComparison.OrdinalIgnoreCase);
}
