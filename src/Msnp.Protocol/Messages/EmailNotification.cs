using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary><c>text/x-msmsgsemailnotification</c>: new mail arrived. The fields are in the body.</summary>
public sealed class EmailNotification : FieldBodyMessage
{
    /// <summary>Wraps body fields in the order they should be written.</summary>
    public EmailNotification(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Builds a notification with the fields in the documented order.</summary>
    public EmailNotification(string from, string fromAddress, string subject, string messageUrl, string postUrl, string destinationFolder = MailFolders.Inbox, string? id = null)
        : base(Build(from, fromAddress, subject, messageUrl, postUrl, destinationFolder, id))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.EmailNotificationHeader;

    /// <summary>The sender's display name (may be an RFC 2047 encoded word; kept as written).</summary>
    public string? From => this["From"];

    /// <summary>The sender's e-mail address.</summary>
    public string? FromAddress => this["From-Addr"];

    /// <summary>The subject (kept as written).</summary>
    public string? Subject => this["Subject"];

    /// <summary>The path that opens the message, relative to the Hotmail site.</summary>
    public string? MessageUrl => this["Message-URL"];

    /// <summary>Where the single sign-on form is posted.</summary>
    public string? PostUrl => this["Post-URL"];

    /// <summary>The folder the mail went to; <see cref="MailFolders.Inbox"/> is the inbox.</summary>
    public string? DestinationFolder => this["Dest-Folder"];

    /// <summary>The <c>id</c> field.</summary>
    public string? Id => this["id"];

    /// <summary>Reads the notification; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out EmailNotification? notification)
    {
        notification = TryReadFields(message, ContentTypes.EmailNotification, null, out var fields) ? new EmailNotification(fields) : null;
        return notification is not null;
    }

    private static MimeHeaderList Build(string from, string fromAddress, string subject, string messageUrl, string postUrl, string destinationFolder, string? id)
    {
        var fields = new List<MimeHeader>
        {
            new("From", from),
            new("Message-URL", messageUrl),
            new("Post-URL", postUrl),
            new("Subject", subject),
            new("Dest-Folder", destinationFolder),
            new("From-Addr", fromAddress),
        };
        if (id is not null)
        {
            fields.Add(new("id", id));
        }

        return new MimeHeaderList(fields);
    }
}
