using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>text/x-msmsgsactivemailnotification</c>: mail moved, read or deleted; clients adjust their
/// inbox and other-folder unread counts by <see cref="MessageDelta"/>. The fields are in the body.
/// </summary>
public sealed class ActiveMailNotification : FieldBodyMessage
{
    /// <summary>Wraps body fields in the order they should be written.</summary>
    public ActiveMailNotification(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Builds a notification with the fields in the documented order.</summary>
    public ActiveMailNotification(string sourceFolder, string destinationFolder, int messageDelta)
        : base(new MimeHeaderList(
        [
            new("Src-Folder", sourceFolder),
            new("Dest-Folder", destinationFolder),
            new("Message-Delta", Format(messageDelta)),
        ]))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.ActiveMailNotificationHeader;

    /// <summary>The folder the mail left.</summary>
    public string? SourceFolder => this["Src-Folder"];

    /// <summary>The folder the mail went to.</summary>
    public string? DestinationFolder => this["Dest-Folder"];

    /// <summary>How many unread messages changed.</summary>
    public int? MessageDelta => GetInt32("Message-Delta");

    /// <summary>Reads the notification; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out ActiveMailNotification? notification)
    {
        notification = TryReadFields(message, ContentTypes.ActiveMailNotification, null, out var fields) ? new ActiveMailNotification(fields) : null;
        return notification is not null;
    }
}
