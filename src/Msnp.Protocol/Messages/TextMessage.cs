using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// A <c>text/plain</c> instant message with optional <c>X-MMS-IM-Format</c>. The body is plain
/// text with CR LF line breaks and no markup. Decoding follows the content type: UTF-8 for
/// <c>charset=UTF-8</c>, ISO-8859-1 when there is no charset (and for ISO-8859-1 or US-ASCII);
/// other charsets, which the official client does not display, are decoded as ISO-8859-1 so no
/// byte is lost, with <see cref="IsDisplayable"/> false.
/// </summary>
public sealed class TextMessage
{
    private const string FormatHeader = "X-MMS-IM-Format";

    /// <summary>Creates a UTF-8 message to send.</summary>
    public TextMessage(string text, MessageFormat? format = null)
        : this(text, format, "UTF-8")
    {
    }

    private TextMessage(string text, MessageFormat? format, string? charset)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Format = format;
        Charset = charset;
    }

    /// <summary>The message text.</summary>
    public string Text { get; }

    /// <summary>The formatting, or null when the header is absent.</summary>
    public MessageFormat? Format { get; }

    /// <summary>The charset parameter as received (<c>UTF-8</c> for messages built here), or null when absent.</summary>
    public string? Charset { get; }

    /// <summary>False for charsets the official client refuses to show (anything but UTF-8 or none).</summary>
    public bool IsDisplayable => Charset is null || IsUtf8(Charset);

    /// <summary>Reads an instant message; false for other content types.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out TextMessage? text)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.ContentType;
        if (!type.Is(ContentTypes.TextPlain))
        {
            text = null;
            return false;
        }

        string? charset = type.Charset;
        var encoding = charset is not null && IsUtf8(charset) ? Encoding.UTF8 : Encoding.Latin1;
        var format = message.Headers.GetValue(FormatHeader) is { } f ? MessageFormat.Parse(f) : null;
        text = new TextMessage(encoding.GetString(message.Body.Span), format, charset);
        return true;
    }

    /// <summary>
    /// The message as the official client writes it: <c>MIME-Version</c>, <c>Content-Type: text/plain;
    /// charset=UTF-8</c>, then <c>X-MMS-IM-Format</c> when formatted, and the UTF-8 text.
    /// </summary>
    public MimeMessage ToMimeMessage()
    {
        var body = Encoding.UTF8.GetBytes(Text);
        return Format is null
            ? MimeMessage.Create(ContentTypes.TextPlainUtf8Header, body)
            : MimeMessage.Create(ContentTypes.TextPlainUtf8Header, body, new MimeHeader(FormatHeader, Format.ToString()));
    }

    /// <summary>The exact payload bytes.</summary>
    public byte[] ToBytes() => ToMimeMessage().ToBytes();

    private static bool IsUtf8(string charset) =>
        charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("UTF8", StringComparison.OrdinalIgnoreCase);
}
