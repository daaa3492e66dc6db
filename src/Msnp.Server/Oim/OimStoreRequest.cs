using System.Globalization;
using System.Xml.Linq;
using Msnp.Server.Soap;

namespace Msnp.Server.Oim;

/// <summary>
/// What a <c>Store</c>/<c>Store2</c> request says (Pidgin <c>MSN_OIM_SEND_TEMPLATE</c>): the header's
/// <c>From</c> (<c>memberName</c>, <c>friendlyName</c>), <c>To</c>, <c>Ticket</c> (<c>passport</c>,
/// <c>appid</c>, <c>lockkey</c>) and <c>Sequence/MessageNumber</c>; the body's <c>MessageType</c> and
/// <c>Content</c>. Elements and attributes are matched by local name.
/// </summary>
internal sealed record OimStoreRequest(
    string? From,
    string FriendlyName,
    string? To,
    string? Ticket,
    string? AppId,
    string? LockKey,
    long? MessageNumber,
    string? MessageType,
    string? Content)
{
    /// <summary>Longest <c>friendlyName</c> attribute read, in characters (an encoded word of a 387-byte name fits).</summary>
    public const int MaxFriendlyNameChars = 1024;

    public static OimStoreRequest Read(SoapEnvelope envelope)
    {
        var header = envelope.Header;
        var from = Child(header, "From");
        var ticket = Child(header, "Ticket");
        var sequence = Child(header, "Sequence");
        var number = sequence?.Elements().FirstOrDefault(e => e.Name.LocalName == "MessageNumber")?.Value;
        var body = envelope.Action.Parent!;
        var friendly = Attribute(from, "friendlyName") ?? string.Empty;
        return new OimStoreRequest(
            Attribute(from, "memberName"),
            friendly.Length > MaxFriendlyNameChars ? friendly[..MaxFriendlyNameChars] : friendly,
            Attribute(Child(header, "To"), "memberName"),
            Attribute(ticket, "passport"),
            Attribute(ticket, "appid"),
            Attribute(ticket, "lockkey"),
            long.TryParse(number?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            Child(body, "MessageType")?.Value.Trim(),
            Child(body, "Content")?.Value);
    }

    /// <summary>The ticket of a request: <c>Ticket/@passport</c> in the header.</summary>
    public static string? FindTicket(SoapEnvelope envelope, Microsoft.AspNetCore.Http.HttpRequest request) =>
        Attribute(Child(envelope.Header, "Ticket"), "passport");

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Attribute(XElement? element, string name) => element?.Attributes().FirstOrDefault(a => a.Name.LocalName == name)?.Value;
}
