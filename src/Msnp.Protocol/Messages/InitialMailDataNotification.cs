using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>text/x-msmsgsinitialmdatanotification</c> (MSNP11+): one <c>Mail-Data</c> field holding an
/// <c>&lt;MD&gt;</c> document with inbox counts (<c>E</c>), quotas (<c>Q</c>) and offline-message
/// headers (<c>M</c>). Sent by the NS once after the client's first <c>CHG</c>.
/// </summary>
public sealed class InitialMailDataNotification : FieldBodyMessage
{
    /// <summary>
    /// No mail and no offline messages, with the quotas the official service reported
    /// (the document revival servers send to MSN 7.x).
    /// </summary>
    public const string EmptyMailData = "<MD><E><I>0</I><IU>0</IU><O>0</O><OU>0</OU></E><Q><QTM>409600</QTM><QNM>204800</QNM></Q></MD>";

    /// <summary>Wraps body fields in the order they should be written.</summary>
    public InitialMailDataNotification(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Builds the notification around a mail-data document.</summary>
    public InitialMailDataNotification(string mailData = EmptyMailData)
        : base(new MimeHeaderList([new("Mail-Data", mailData)]))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.InitialMailDataNotificationHeader;

    /// <summary>The <c>&lt;MD&gt;</c> document, unparsed.</summary>
    public string? MailData => this["Mail-Data"];

    /// <summary>Reads the notification; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out InitialMailDataNotification? notification)
    {
        notification = TryReadFields(message, ContentTypes.InitialMailDataNotification, null, out var fields) ? new InitialMailDataNotification(fields) : null;
        return notification is not null;
    }
}
