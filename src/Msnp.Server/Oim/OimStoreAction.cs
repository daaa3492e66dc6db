using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Names;
using Msnp.Protocol.Oim;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Soap;
using Msnp.Server.Storage;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Server.Oim;

/// <summary>
/// <c>Store2</c> (and WLM 8.0's <c>Store</c>): keeps a message for an offline contact. In order:
/// the ticket's scope (one <c>RST.srf</c> issued for <c>messengersecure.live.com</c>, or a Tweener
/// ticket of an MSNP8–14 sign-in; not one issued for another service: else the <c>RequiredAuthPolicy</c>
/// fault, docs/oim.md), the lock key (else the <c>LockKeyChallenge</c> fault), <c>From</c> is the ticket's account, the
/// sender's rate, the content, the recipient exists and allows the sender, then the size and count
/// limits of the store. The answer is sent only after the row is committed, so an acknowledged
/// message survives a crash. A recipient who is signed in (appearing offline) is told at once.
/// </summary>
internal sealed class OimStoreAction(string name, string ns) : ISoapAction
{
    public string Name => name;

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var request = OimStoreRequest.Read(call.Envelope);

        // The plumbing verified the ticket; an address book, storage or NS ticket is not for sending.
        if (call.Services.GetRequiredService<ITicketService>().ReadScope(request.Ticket ?? string.Empty) is not (TicketScope.MessengerSecure or TicketScope.General))
        {
            return OimFaults.TicketRefused(ns);
        }

        var challenge = OimLockKey.ChallengeFor(request.Ticket ?? string.Empty);
        if (!OimLockKey.Verify(challenge, request.AppId, request.LockKey))
        {
            return OimFaults.LockKeyChallenge(ns, challenge);
        }

        if (!PassportName.TryParse(request.From ?? string.Empty, out var from) || from.Normalized != call.Account)
        {
            return OimFaults.SystemUnavailable(ns);
        }

        var services = call.Services;
        if (!services.GetRequiredService<OimSenderRate>().TryTake(call.Account))
        {
            return OimFaults.SenderThrottled(ns);
        }

        if (request.MessageNumber is not { } number
            || (request.MessageType is { } type && type != "text")
            || request.Content is null
            || !OimStoreContent.TryRead(request.Content, out var content)
            || content!.Sequence != number)
        {
            return OimFaults.InvalidContent(ns);
        }

        if (!PassportName.TryParse(request.To ?? string.Empty, out var to))
        {
            return OimFaults.SystemUnavailable(ns);
        }

        var message = new NewOfflineMessage(
            call.Account,
            OimMimeText.DecodeWord(request.FriendlyName),
            to.Normalized,
            content.Text,
            content.RunId,
            content.Sequence,
            call.Http.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
        var outcome = await OfflineMessageDrop.StoreAsync(
            services.GetRequiredService<IContactStore>(), services.GetRequiredService<IOfflineMessageStore>(), services.GetRequiredService<PresenceServices>(), message, call.Cancellation).ConfigureAwait(false);
        switch (outcome)
        {
            case OfflineStoreOutcome.Stored:
                break;
            case OfflineStoreOutcome.TooLarge:
                return OimFaults.InvalidContent(ns);
            default:
                return OimFaults.SystemUnavailable(ns);
        }

        return SoapResult.Ok(w =>
        {
            w.WriteStartElement("StoreResponse", ns);
            w.WriteElementString("PointsConsumed", ns, "0");
            w.WriteEndElement();
        });
    }

    /// <summary>The response header: the sequence acknowledgment for the request's <c>MessageNumber</c>.</summary>
    public static void WriteAcknowledgment(System.Xml.XmlWriter writer, SoapCall call)
    {
        var number = OimStoreRequest.Read(call.Envelope).MessageNumber ?? 0;
        var text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStartElement("SequenceAcknowledgment", OimNamespaces.ReliableMessaging);
        writer.WriteElementString("Identifier", OimNamespaces.Utility, "http://messenger.msn.com");
        writer.WriteStartElement("AcknowledgmentRange", OimNamespaces.ReliableMessaging);
        writer.WriteAttributeString("Upper", text);
        writer.WriteAttributeString("Lower", text);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
