using System.Security;
using System.Text;
using Msnp.Protocol.Oim;
using Msnp.Server.Tests.Soap;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Oim;

/// <summary>
/// The offline-message requests as Pidgin's <c>oim.h</c> templates write them (the same elements,
/// attributes and namespaces), and small readers for the answers.
/// </summary>
internal static class OimRequests
{
    public const string StoreAction = "http://messenger.live.com/ws/2006/09/oim/Store2";
    public const string RsiBase = "http://www.hotmail.msn.com/ws/2004/09/oim/rsi/";

    public static string Store(string from, string friendlyName, string to, string? ticket, string lockKey, long sequence, string content, string appId = "PROD0119GSJUC$18") =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soap:Header>"
        + $"<From memberName=\"{X(from)}\" friendlyName=\"{X(friendlyName)}\" xml:lang=\"en-US\" proxy=\"MSNMSGR\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\" msnpVer=\"MSNP15\" buildVer=\"8.5.1288\"/>"
        + $"<To memberName=\"{X(to)}\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\"/>"
        + (ticket is null ? string.Empty : $"<Ticket passport=\"{X(ticket)}\" appid=\"{X(appId)}\" lockkey=\"{X(lockKey)}\" xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\"/>")
        + "<Sequence xmlns=\"http://schemas.xmlsoap.org/ws/2003/03/rm\">"
        + "<Identifier xmlns=\"http://schemas.xmlsoap.org/ws/2002/07/utility\">http://messenger.msn.com</Identifier>"
        + $"<MessageNumber>{sequence}</MessageNumber>"
        + "</Sequence>"
        + "</soap:Header>"
        + "<soap:Body>"
        + "<MessageType xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\">text</MessageType>"
        + $"<Content xmlns=\"http://messenger.msn.com/ws/2004/09/oim/\">{X(content)}</Content>"
        + "</soap:Body>"
        + "</soap:Envelope>";

    public static string Content(string text, long sequence, Guid? runId = null) => new OimStoreContent(text, runId ?? Guid.NewGuid(), sequence).Write();

    public static string Rsi(string? ticket, string body)
    {
        string t = "EMPTY", p = "EMPTY";
        if (ticket is not null)
        {
            var parts = ticket.Split('&');
            t = parts[0]["t=".Length..];
            p = parts[1]["p=".Length..];
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Header>"
            + "<PassportCookie xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\">"
            + $"<t>{X(t)}</t><p>{X(p)}</p>"
            + "</PassportCookie>"
            + "</soap:Header>"
            + $"<soap:Body>{body}</soap:Body>"
            + "</soap:Envelope>";
    }

    public static string GetMetadata(string? ticket) => Rsi(ticket, "<GetMetadata xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\" />");

    public static string GetMessage(string? ticket, string id) =>
        Rsi(ticket, $"<GetMessage xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\"><messageId>{X(id)}</messageId><alsoMarkAsRead>false</alsoMarkAsRead></GetMessage>");

    public static string DeleteMessages(string? ticket, params string[] ids) =>
        Rsi(ticket, "<DeleteMessages xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\"><messageIds>"
            + string.Concat(ids.Select(id => $"<messageId>{X(id)}</messageId>")) + "</messageIds></DeleteMessages>");

    /// <summary>Stores a message the way Pidgin does: once without a lock key, then answering the challenge the fault carries.</summary>
    public static async Task<SoapReply> StoreWithLockKeyAsync(SoapScene scene, string from, string to, string ticket, string text, long sequence = 1, string friendlyName = "")
    {
        var content = Content(text, sequence);
        var first = await scene.PostAsync("/OimWS/oim.asmx", StoreAction, Store(from, friendlyName, to, ticket, string.Empty, sequence, content), host: "ows.messenger.msn.com");
        Assert.Equal("q0:AuthenticationFailed", first.FaultCode);
        var challenge = LockKeyChallenge(first);
        var lockKey = OimLockKey.Answer(challenge, OimLockKey.ClientKey);
        return await scene.PostAsync("/OimWS/oim.asmx", StoreAction, Store(from, friendlyName, to, ticket, lockKey, sequence, content), host: "ows.messenger.msn.com");
    }

    /// <summary>The <c>detail/LockKeyChallenge</c> of a fault, found by local name as Pidgin's <c>xmlnode_get_child</c> does.</summary>
    public static string LockKeyChallenge(SoapReply reply) =>
        reply.Fault!.Element("detail")!.Elements().Single(e => e.Name.LocalName == "LockKeyChallenge").Value;

    /// <summary>Reads until the NS sends <c>MSG Hotmail Hotmail</c> with <paramref name="contentType"/>; returns its <c>Mail-Data</c>.</summary>
    public static async Task<string> ReadMailDataAsync(LineClient client, string contentType = "text/x-msmsgsinitialmdatanotification")
    {
        while (true)
        {
            var line = await client.ReadLineStartingWithAsync("MSG Hotmail Hotmail ");
            var length = int.Parse(line["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var payload = Encoding.UTF8.GetString(await client.ReadBytesAsync(length));
            if (!payload.Contains("Content-Type: " + contentType, StringComparison.Ordinal))
            {
                continue;
            }

            var field = payload.Split("\r\n").Single(l => l.StartsWith("Mail-Data: ", StringComparison.Ordinal));
            return field["Mail-Data: ".Length..];
        }
    }

    /// <summary>The fields of the next <c>text/x-msmsgsactivemailnotification</c> the session receives, skipping other lines.</summary>
    public static async Task<Dictionary<string, string>> ReadActiveMailAsync(LineClient client)
    {
        while (true)
        {
            var line = await client.ReadLineStartingWithAsync("MSG Hotmail Hotmail ");
            var length = int.Parse(line["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var payload = Encoding.UTF8.GetString(await client.ReadBytesAsync(length));
            if (payload.Contains("Content-Type: text/x-msmsgsactivemailnotification", StringComparison.Ordinal))
            {
                var body = payload[(payload.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
                return body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
            }
        }
    }

    private static string X(string text) => SecurityElement.Escape(text);
}
