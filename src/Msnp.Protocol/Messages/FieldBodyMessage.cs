using System.Globalization;

namespace Msnp.Protocol.Messages;

/// <summary>
/// Base for messages whose content is a header-style body (invitations, e-mail notifications,
/// system messages). The typed properties of a subclass are views over <see cref="Fields"/>, so
/// every field, unknown ones included, survives a parse-and-build in its original order.
/// </summary>
public abstract class FieldBodyMessage
{
    /// <summary>Wraps fields that are already ordered as they should be written.</summary>
    protected FieldBodyMessage(MimeHeaderList fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
    }

    /// <summary>All body fields in order, including ones this library does not know.</summary>
    public MimeHeaderList Fields { get; }

    /// <summary>The <c>Content-Type</c> header value written by <see cref="ToMimeMessage"/>.</summary>
    protected abstract string ContentTypeHeader { get; }

    /// <summary>The trimmed value of the first field called <paramref name="name"/>, or null.</summary>
    public string? this[string name] => Fields.GetValue(name)?.Trim();

    /// <summary>The message with <c>MIME-Version</c>, <c>Content-Type</c> and the fields as its body.</summary>
    public MimeMessage ToMimeMessage() => MimeMessage.Create(ContentTypeHeader, HeaderFieldBody.Write(Fields));

    /// <summary>The exact payload bytes of <see cref="ToMimeMessage"/>.</summary>
    public byte[] ToBytes() => ToMimeMessage().ToBytes();

    /// <summary>Reads the body fields of <paramref name="message"/> when its media type is <paramref name="mediaType"/>.</summary>
    protected static bool TryReadFields(MimeMessage message, string mediaType, MimeLimits? limits, out MimeHeaderList fields)
    {
        ArgumentNullException.ThrowIfNull(message);
        fields = MimeHeaderList.Empty;
        return message.ContentType.Is(mediaType)
            && HeaderFieldBody.TryParse(message.Body.Span, limits ?? MimeLimits.Default, out fields, out _);
    }

    /// <summary>A field as a decimal integer, or null when absent or not a number.</summary>
    protected long? GetInt64(string name) =>
        long.TryParse(this[name], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;

    /// <summary>A field as a 32-bit decimal integer, or null when absent or not a number.</summary>
    protected int? GetInt32(string name) =>
        int.TryParse(this[name], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>A <c>TRUE</c>/<c>FALSE</c> field (any case), or null when absent or anything else.</summary>
    protected bool? GetBoolean(string name) => this[name] switch
    {
        { } v when v.Equals("TRUE", StringComparison.OrdinalIgnoreCase) => true,
        { } v when v.Equals("FALSE", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    /// <summary>Formats a number the way fields carry it.</summary>
    protected static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
