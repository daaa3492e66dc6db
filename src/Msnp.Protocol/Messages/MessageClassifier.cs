namespace Msnp.Protocol.Messages;

/// <summary>
/// Maps a content type to a <see cref="MessageKind"/> so a connection can route a message
/// without trying every typed parser. Anything unrecognised is <see cref="MessageKind.Unknown"/>.
/// </summary>
public static class MessageClassifier
{
    /// <summary>The kind of a parsed content type.</summary>
    public static MessageKind Classify(ContentType contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        return contentType.MediaType switch
        {
            ContentTypes.TextPlain => MessageKind.Text,
            ContentTypes.Control => MessageKind.TypingNotification,
            ContentTypes.Invitation => MessageKind.Invitation,
            ContentTypes.Profile => MessageKind.Profile,
            ContentTypes.InitialEmailNotification => MessageKind.InitialEmailNotification,
            ContentTypes.EmailNotification => MessageKind.EmailNotification,
            ContentTypes.ActiveMailNotification => MessageKind.ActiveMailNotification,
            ContentTypes.SystemMessage => MessageKind.SystemMessage,
            ContentTypes.PeerToPeer => MessageKind.PeerToPeer,
            _ => MessageKind.Unknown,
        };
    }

    /// <summary>The kind of a <c>Content-Type</c> header value; null or junk gives <see cref="MessageKind.Unknown"/>.</summary>
    public static MessageKind Classify(string? contentTypeHeader) => Classify(ContentType.Parse(contentTypeHeader));

    /// <summary>The kind of a message.</summary>
    public static MessageKind Classify(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind;
    }
}
