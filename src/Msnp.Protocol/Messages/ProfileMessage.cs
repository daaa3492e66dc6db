using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>text/x-msmsgsprofile</c>: the profile the NS sends once, right after login. Its fields are
/// MIME headers (the body is empty). Microsoft changed the field set often, so the fields are kept
/// generically, in order; the properties cover those a client needs (Hotmail sign-on, NAT check).
/// </summary>
public sealed class ProfileMessage
{
    /// <summary>Wraps the profile fields (the headers after <c>MIME-Version</c> and <c>Content-Type</c>).</summary>
    public ProfileMessage(MimeHeaderList fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
    }

    /// <summary>The profile fields in order, unknown ones included.</summary>
    public MimeHeaderList Fields { get; }

    /// <summary>The trimmed value of the first field called <paramref name="name"/>, or null.</summary>
    public string? this[string name] => Fields.GetValue(name)?.Trim();

    /// <summary>The login time in Unix seconds, needed for Hotmail sign-on.</summary>
    public long? LoginTime => long.TryParse(this["LoginTime"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;

    /// <summary>The login time as a date, or null when absent or out of range.</summary>
    public DateTimeOffset? LoginTimeUtc =>
        LoginTime is { } t && t >= -62135596800 && t <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(t) : null;

    /// <summary>The Passport auth token for Hotmail sign-on.</summary>
    public string? MspAuth => this["MSPAuth"];

    /// <summary>The <c>sid</c> field for Hotmail sign-on.</summary>
    public string? Sid => this["sid"];

    /// <summary>The <c>kv</c> field for Hotmail sign-on.</summary>
    public string? Kv => this["kv"];

    /// <summary>The client address as the server saw it (after NAT or proxy).</summary>
    public string? ClientIP => this["ClientIP"];

    /// <summary>The <c>ClientPort</c> value as written (byte-swapped); 0 over the HTTP gateway.</summary>
    public int? ClientPortValue =>
        int.TryParse(this["ClientPort"], NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>The real client port the server saw, decoded from <see cref="ClientPortValue"/>.</summary>
    public int? ClientPort => ClientPortValue is { } v ? ProfilePort.Decode(v) : null;

    /// <summary>Reads a profile; false when the content type differs.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out ProfileMessage? profile)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.ContentType.Is(ContentTypes.Profile))
        {
            profile = null;
            return false;
        }

        profile = new ProfileMessage(message.Headers.Remove("MIME-Version").Remove("Content-Type"));
        return true;
    }

    /// <summary>The message: <c>MIME-Version</c>, <c>Content-Type</c>, the fields, an empty body.</summary>
    public MimeMessage ToMimeMessage() => MimeMessage.Create(ContentTypes.ProfileHeader, ReadOnlyMemory<byte>.Empty, Fields);

    /// <summary>The exact payload bytes.</summary>
    public byte[] ToBytes() => ToMimeMessage().ToBytes();
}
