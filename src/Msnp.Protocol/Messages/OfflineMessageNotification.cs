using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>text/x-msmsgsoimnotification</c> (MSNP11+): sent by the NS while the recipient is signed in
/// (appearing offline, so the sender stored an offline message); one <c>Mail-Data</c> field listing
/// the new message. Pidgin reads it with the same handler as the initial mail data.
/// </summary>
public sealed class OfflineMessageNotification : FieldBodyMessage
{
    /// <summary>Wraps body fields in the order they should be written.</summary>
    public OfflineMessageNotification(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Builds the notification around a mail-data document.</summary>
    public OfflineMessageNotification(string mailData)
        : base(new MimeHeaderList([new("Mail-Data", mailData)]))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.OfflineMessageNotificationHeader;

    /// <summary>The <c>&lt;MD&gt;</c> document, unparsed.</summary>
    public string? MailData => this["Mail-Data"];

    /// <summary>Reads the notification; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out OfflineMessageNotification? notification)
    {
        notification = TryReadFields(message, ContentTypes.OfflineMessageNotification, null, out var fields) ? new OfflineMessageNotification(fields) : null;
        return notification is not null;
    }
}
