using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>text/x-msmsgsinitialemailnotification</c>: the unread-mail counts the NS sends after login
/// to Hotmail/MSN accounts with unread mail. The fields are in the body.
/// </summary>
public sealed class InitialEmailNotification : FieldBodyMessage
{
    /// <summary>Wraps body fields in the order they should be written.</summary>
    public InitialEmailNotification(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Builds a notification with the fields in the order the NS sends them.</summary>
    public InitialEmailNotification(int inboxUnread, int foldersUnread, string inboxUrl = "/cgi-bin/HoTMaiL", string foldersUrl = "/cgi-bin/folders", string postUrl = "http://www.hotmail.com")
        : base(new MimeHeaderList(
        [
            new("Inbox-Unread", Format(inboxUnread)),
            new("Folders-Unread", Format(foldersUnread)),
            new("Inbox-URL", inboxUrl),
            new("Folders-URL", foldersUrl),
            new("Post-URL", postUrl),
        ]))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.InitialEmailNotificationHeader;

    /// <summary>Unread messages in the inbox.</summary>
    public int? InboxUnread => GetInt32("Inbox-Unread");

    /// <summary>Unread messages in the other folders.</summary>
    public int? FoldersUnread => GetInt32("Folders-Unread");

    /// <summary>The inbox path, relative to the Hotmail site.</summary>
    public string? InboxUrl => this["Inbox-URL"];

    /// <summary>The folders path, relative to the Hotmail site.</summary>
    public string? FoldersUrl => this["Folders-URL"];

    /// <summary>Where the single sign-on form is posted.</summary>
    public string? PostUrl => this["Post-URL"];

    /// <summary>Reads the notification; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out InitialEmailNotification? notification)
    {
        notification = TryReadFields(message, ContentTypes.InitialEmailNotification, null, out var fields) ? new InitialEmailNotification(fields) : null;
        return notification is not null;
    }
}
