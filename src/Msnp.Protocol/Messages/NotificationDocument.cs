using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// The <c>&lt;NOTIFICATION&gt;</c> document carried by <c>NOT</c> (MSN Alerts, Calendar) and
/// <c>IPG</c> (mobile pages). Real documents are often malformed, so this does not use an XML
/// parser: it scans for the few parts a client shows and ignores everything else.
/// </summary>
public sealed class NotificationDocument
{
    private NotificationDocument()
    {
    }

    /// <summary>The <c>ver</c> attribute (ignored by the official client).</summary>
    public string? Version { get; private init; }

    /// <summary>The notification id.</summary>
    public string? Id { get; private init; }

    /// <summary>The id of the sending site.</summary>
    public string? SiteId { get; private init; }

    /// <summary>The sending site's base URL.</summary>
    public string? SiteUrl { get; private init; }

    /// <summary>The recipient's Passport id (<c>TO pid</c>).</summary>
    public string? ToPassportId { get; private init; }

    /// <summary>The recipient's account (<c>TO name</c>).</summary>
    public string? ToName { get; private init; }

    /// <summary>The message id (<c>MSG id</c>).</summary>
    public string? MessageId { get; private init; }

    /// <summary>Where clicking the notification leads (<c>ACTION url</c>).</summary>
    public string? ActionUrl { get; private init; }

    /// <summary>Where the subscription is managed (<c>SUBSCR url</c>).</summary>
    public string? SubscriptionUrl { get; private init; }

    /// <summary>The text to show (<c>BODY</c> → <c>TEXT</c>).</summary>
    public string? BodyText { get; private init; }

    /// <summary>Scans a <c>NOT</c>/<c>IPG</c> payload (UTF-8); false when there is no <c>NOTIFICATION</c> tag. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out NotificationDocument? document) =>
        TryParse(Encoding.UTF8.GetString(payload), out document);

    /// <summary>Scans the document text; false when there is no <c>NOTIFICATION</c> tag. Never throws.</summary>
    public static bool TryParse(string? xml, [NotNullWhen(true)] out NotificationDocument? document)
    {
        document = null;
        if (xml is null || TolerantXmlScanner.FindTag(xml, "NOTIFICATION", 0) is not { } root)
        {
            return false;
        }

        var to = TolerantXmlScanner.FindTag(xml, "TO", root.ContentStart);
        var msg = TolerantXmlScanner.FindTag(xml, "MSG", root.ContentStart);
        int inMsg = msg?.ContentStart ?? root.ContentStart;
        var action = TolerantXmlScanner.FindTag(xml, "ACTION", inMsg);
        var subscr = TolerantXmlScanner.FindTag(xml, "SUBSCR", inMsg);
        var body = TolerantXmlScanner.FindTag(xml, "BODY", inMsg);
        var text = body is { } b ? TolerantXmlScanner.FindTag(xml, "TEXT", b.ContentStart) : null;

        document = new NotificationDocument
        {
            Version = root.Attributes.GetValueOrDefault("ver"),
            Id = root.Attributes.GetValueOrDefault("id"),
            SiteId = root.Attributes.GetValueOrDefault("siteid"),
            SiteUrl = root.Attributes.GetValueOrDefault("siteurl"),
            ToPassportId = to?.Attributes.GetValueOrDefault("pid"),
            ToName = to?.Attributes.GetValueOrDefault("name"),
            MessageId = msg?.Attributes.GetValueOrDefault("id"),
            ActionUrl = action?.Attributes.GetValueOrDefault("url"),
            SubscriptionUrl = subscr?.Attributes.GetValueOrDefault("url"),
            BodyText = text is { } t ? TolerantXmlScanner.ReadText(xml, t, "TEXT") : null,
        };
        return true;
    }
}
