using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Oim;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Soap;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Server.Oim;

/// <summary><c>GetMetadata</c>: the caller's waiting messages as a mail-data document (what Pidgin asks for after <c>too-large</c>).</summary>
internal sealed class RsiGetMetadataAction : ISoapAction
{
    public string Name => "GetMetadata";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var waiting = await call.Services.GetRequiredService<IOfflineMessageStore>().ListAsync(call.Account, call.Cancellation).ConfigureAwait(false);
        var document = OimMailDataBuilder.ForMetadata(waiting);
        return SoapResult.Ok(w =>
        {
            // The MD document inherits the response's default namespace, as in the real service's
            // text; OimMailData.Write escaped every value, so its children go in as they are.
            w.WriteStartElement("GetMetadataResponse", OimNamespaces.Retrieval);
            w.WriteStartElement("MD", OimNamespaces.Retrieval);
            w.WriteRaw(document["<MD>".Length..^"</MD>".Length]);
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }
}

/// <summary>
/// <c>GetMessage</c>: one of the caller's messages as mail text (<c>GetMessageResult</c>), the
/// text base64 in the body; a message of someone else reads as one that does not exist.
/// </summary>
internal sealed class RsiGetMessageAction : ISoapAction
{
    public string Name => "GetMessage";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var id = RsiRequest.Element(call.Envelope.Action, "messageId")?.Value.Trim();
        if (!Guid.TryParse(id, out var guid))
        {
            return RsiRequest.NoSuchMessage();
        }

        var message = await call.Services.GetRequiredService<IOfflineMessageStore>().GetAsync(call.Account, guid, call.Cancellation).ConfigureAwait(false);
        if (message is null)
        {
            return RsiRequest.NoSuchMessage();
        }

        var text = new OimRetrievedMessage(message.Header.Sender, message.Header.SenderName, message.Recipient, message.Header.SentAt, message.Text)
        {
            Id = message.Header.Id,
            RunId = message.RunId,
            Sequence = message.Sequence,
            OriginAddress = message.OriginAddress,
        }.Write();
        return SoapResult.Ok(w =>
        {
            w.WriteStartElement("GetMessageResponse", OimNamespaces.Retrieval);
            w.WriteElementString("GetMessageResult", OimNamespaces.Retrieval, text);
            w.WriteEndElement();
        });
    }
}

/// <summary>
/// <c>DeleteMessages</c>: deletes those of the listed ids the caller holds. Deleting is idempotent:
/// an id already gone (a retried request) is not an error; an id that is not a GUID is. When any
/// were deleted, the caller's signed-in sessions get the active-mail notification with the count.
/// </summary>
internal sealed class RsiDeleteMessagesAction : ISoapAction
{
    /// <summary>Most ids in one request.</summary>
    public const int MaxIds = 100;

    public string Name => "DeleteMessages";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var ids = new List<Guid>();
        var list = RsiRequest.Element(call.Envelope.Action, "messageIds");
        foreach (var element in list?.Elements().Where(e => e.Name.LocalName == "messageId") ?? [])
        {
            if (ids.Count == MaxIds || !Guid.TryParse(element.Value.Trim(), out var id))
            {
                return RsiRequest.InvalidRequest();
            }

            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return RsiRequest.InvalidRequest();
        }

        var deleted = await call.Services.GetRequiredService<IOfflineMessageStore>().DeleteAsync(call.Account, ids, call.Cancellation).ConfigureAwait(false);
        if (deleted > 0)
        {
            await call.Services.GetRequiredService<PresenceServices>().Delivery.DeliverToAccountAsync(
                call.Account, new OfflineMessagesDeletedNotification(deleted), call.Cancellation).ConfigureAwait(false);
        }

        return SoapResult.Ok(w =>
        {
            w.WriteStartElement("DeleteMessagesResponse", OimNamespaces.Retrieval);
            w.WriteEndElement();
        });
    }
}

/// <summary>What the retrieval actions share: reading the body and their faults.</summary>
internal static class RsiRequest
{
    /// <summary>The ticket: <c>PassportCookie</c>'s <c>t</c> and <c>p</c> in the header (Pidgin's templates), else the <c>MSPAuth</c> cookie.</summary>
    public static string? FindTicket(SoapEnvelope envelope, Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var cookie = envelope.Header?.Elements().FirstOrDefault(e => e.Name.LocalName == "PassportCookie");
        var t = Element(cookie, "t")?.Value.Trim();
        var p = Element(cookie, "p")?.Value.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return SoapTickets.FromCookies(request);
        }

        return string.IsNullOrEmpty(p) ? t : $"t={t}&p={p}";
    }

    public static XElement? Element(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static SoapFault NoSuchMessage() => new("soap:Client", "No such message.") { WithActor = false };

    public static SoapFault InvalidRequest() => new("soap:Client", "Schema validation error") { WithActor = false };
}
