using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Msnp.Client.Auth;
using Msnp.Protocol.Oim;

namespace Msnp.Client.OfflineMessages;

/// <summary>
/// The client side of the offline-message services (docs/oim.md): <c>Store2</c> at
/// <c>/OimWS/oim.asmx</c> with the lock-key exchange Pidgin does, and <c>GetMetadata</c>,
/// <c>GetMessage</c>, <c>DeleteMessages</c> at <c>/rsi/rsi.asmx</c>, with the requests written as
/// Pidgin's templates write them. Both go to the server's HTTPS base.
/// </summary>
internal sealed class OimServiceClient(MsnpClientOptions options, Uri serviceBase, string ticket, string readTicket)
{
    private const string Store2Action = "http://messenger.live.com/ws/2006/09/oim/Store2";
    private const string RsiAction = "http://www.hotmail.msn.com/ws/2004/09/oim/rsi/";
    private readonly Guid _runId = Guid.NewGuid();
    private string? _lockKey;
    private long _sequence;

    /// <summary>Stores <paramref name="text"/> for <paramref name="recipient"/>; answers a lock-key challenge once.</summary>
    public async Task StoreAsync(string sender, string senderName, string recipient, string text, CancellationToken cancellationToken)
    {
        long sequence = Interlocked.Increment(ref _sequence);
        for (int attempt = 0; ; attempt++)
        {
            var body = StoreEnvelope(sender, senderName, recipient, sequence, new OimStoreContent(text, _runId, sequence).Write());
            var (reply, fault) = await PostAsync("/OimWS/oim.asmx", Store2Action, body, cancellationToken).ConfigureAwait(false);
            if (fault is null)
            {
                return;
            }

            var challenge = fault.Element("detail")?.Elements().FirstOrDefault(e => e.Name.LocalName == "LockKeyChallenge")?.Value.Trim();
            var code = fault.Element("faultcode")?.Value ?? "?";
            if (attempt == 0 && code.EndsWith("AuthenticationFailed", StringComparison.Ordinal) && !string.IsNullOrEmpty(challenge))
            {
                _lockKey = OimLockKey.Answer(challenge, OimLockKey.ClientKey);
                continue;
            }

            throw new OfflineMessageException(code, Describe(code, fault.Element("faultstring")?.Value));
        }
    }

    /// <summary>The waiting messages (<c>GetMetadata</c>).</summary>
    public async Task<List<OimMailDataEntry>> GetMetadataAsync(CancellationToken cancellationToken)
    {
        var reply = await RsiAsync("GetMetadata", "<GetMetadata xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\" />", cancellationToken).ConfigureAwait(false);
        var md = reply.Descendants().FirstOrDefault(e => e.Name.LocalName == "MD");
        if (md is null || !OimMailData.TryRead(StripNamespaces(md).ToString(SaveOptions.DisableFormatting), out var entries))
        {
            throw new OfflineMessageException("http", "The offline-message service answered GetMetadata without a mail-data document.");
        }

        return entries;
    }

    /// <summary>One message (<c>GetMessage</c>).</summary>
    public async Task<OimRetrievedMessage> GetMessageAsync(string id, CancellationToken cancellationToken)
    {
        var reply = await RsiAsync(
            "GetMessage",
            $"<GetMessage xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\"><messageId>{SecurityElement.Escape(id)}</messageId><alsoMarkAsRead>false</alsoMarkAsRead></GetMessage>",
            cancellationToken).ConfigureAwait(false);
        var text = reply.Descendants().FirstOrDefault(e => e.Name.LocalName == "GetMessageResult")?.Value;
        if (text is null || !OimRetrievedMessage.TryRead(text, out var message))
        {
            throw new OfflineMessageException("http", $"The offline message {id} could not be read.");
        }

        return message!;
    }

    /// <summary>Deletes messages (<c>DeleteMessages</c>).</summary>
    public Task DeleteAsync(IEnumerable<string> ids, CancellationToken cancellationToken) =>
        RsiAsync(
            "DeleteMessages",
            "<DeleteMessages xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\"><messageIds>"
            + string.Concat(ids.Select(id => $"<messageId>{SecurityElement.Escape(id)}</messageId>"))
            + "</messageIds></DeleteMessages>",
            cancellationToken);

    private async Task<XDocument> RsiAsync(string action, string body, CancellationToken cancellationToken)
    {
        var parts = TicketParts(readTicket);
        var envelope = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Header><PassportCookie xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\">"
            + $"<t>{SecurityElement.Escape(parts.T)}</t><p>{SecurityElement.Escape(parts.P)}</p>"
            + "</PassportCookie></soap:Header>"
            + $"<soap:Body>{body}</soap:Body></soap:Envelope>";
        var (reply, fault) = await PostAsync("/rsi/rsi.asmx", RsiAction + action, envelope, cancellationToken).ConfigureAwait(false);
        if (fault is not null)
        {
            var code = fault.Element("faultcode")?.Value ?? "?";
            throw new OfflineMessageException(code, $"{action} was refused: {code} {fault.Element("faultstring")?.Value}".Trim());
        }

        return reply;
    }

    private async Task<(XDocument Reply, XElement? Fault)> PostAsync(string path, string action, string body, CancellationToken cancellationToken)
    {
        using var http = PassportHttp.Create(options);
        using var content = new StringContent(body, new UTF8Encoding(false));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serviceBase, path)) { Content = content };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{action}\"");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        XDocument xml;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = PassportHttp.MaxResponseBytes });
            xml = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            throw new OfflineMessageException("http", $"The offline-message service answered HTTP {(int)response.StatusCode} without a SOAP envelope.");
        }

        var fault = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault");
        return (xml, fault);
    }

    private string StoreEnvelope(string sender, string senderName, string recipient, long sequence, string content) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soap:Header>"
        + $"<From memberName=\"{SecurityElement.Escape(sender)}\" friendlyName=\"{SecurityElement.Escape(OimMimeText.EncodeWord(senderName))}\" xml:lang=\"en-US\" proxy=\"MSNMSGR\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\" msnpVer=\"MSNP15\" buildVer=\"8.5.1288\"/>"
        + $"<To memberName=\"{SecurityElement.Escape(recipient)}\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\"/>"
        + $"<Ticket passport=\"{SecurityElement.Escape(ticket)}\" appid=\"{SecurityElement.Escape(OimLockKey.ClientKey.ClientId)}\" lockkey=\"{SecurityElement.Escape(_lockKey ?? string.Empty)}\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\"/>"
        + "<Sequence xmlns=\"http://schemas.xmlsoap.org/ws/2003/03/rm\"><Identifier xmlns=\"http://schemas.xmlsoap.org/ws/2002/07/utility\">http://messenger.msn.com</Identifier>"
        + $"<MessageNumber>{sequence.ToString(CultureInfo.InvariantCulture)}</MessageNumber></Sequence>"
        + "</soap:Header><soap:Body>"
        + "<MessageType xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\">text</MessageType>"
        + $"<Content xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\">{SecurityElement.Escape(content)}</Content>"
        + "</soap:Body></soap:Envelope>";

    private static (string T, string P) TicketParts(string ticket)
    {
        string t = ticket, p = string.Empty;
        foreach (var part in ticket.Trim('\'').Split('&'))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("p=", StringComparison.Ordinal))
            {
                p = part[2..];
            }
        }

        return (t, p);
    }

    private static XElement StripNamespaces(XElement element) =>
        new(element.Name.LocalName, element.Attributes().Where(a => !a.IsNamespaceDeclaration), element.Nodes().Select(n => n is XElement e ? StripNamespaces(e) : n));

    private static string Describe(string code, string? text) => code switch
    {
        _ when code.EndsWith("SystemUnavailable", StringComparison.Ordinal) => "The message was not stored: the contact does not exist, does not accept messages from you, or has too many waiting.",
        _ when code.EndsWith("SenderThrottleLimitExceeded", StringComparison.Ordinal) => "The message was not stored: too many offline messages sent too quickly.",
        _ when code.EndsWith("InvalidContent", StringComparison.Ordinal) => "The message was not stored: it is too long or could not be read.",
        _ when code.EndsWith("AuthenticationFailed", StringComparison.Ordinal) => "The message was not stored: the offline-message service did not accept the ticket.",
        _ => $"The message was not stored: {code} {text}".Trim(),
    };
}
