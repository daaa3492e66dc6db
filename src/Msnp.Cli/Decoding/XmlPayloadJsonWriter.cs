using System.Text.Json;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Decoding;

/// <summary>
/// Makes the XML payloads of MSNP11+ readable beside their base64: <c>ADL</c>/<c>RML</c>/<c>FQY</c> as
/// <c>list</c> (<c>initial</c>, <c>contacts</c> with <c>account</c>, <c>lists</c>, <c>network</c>), <c>UUX</c>/<c>UBX</c>
/// as <c>status</c> (<c>psm</c>, <c>media</c>); a payload the bounded readers refuse gives <c>listError</c>
/// or <c>statusError</c> with the reason instead.
/// </summary>
internal static class XmlPayloadJsonWriter
{
    public static void WriteIfPresent(Utf8JsonWriter json, MsnpCommand command)
    {
        if (command.Payload is not { Length: > 0 } payload)
        {
            return;
        }

        if (command.Code == CommandCodes.Adl || command.Code == CommandCodes.Rml || command.Code == CommandCodes.Fqy)
        {
            if (!MembershipList.TryParse(payload.Span, out var list, out var error))
            {
                json.WriteString("listError", error.ToString());
                return;
            }

            json.WriteStartObject("list");
            json.WriteBoolean("initial", list.Initial);
            json.WriteStartArray("contacts");
            foreach (var entry in list.Entries)
            {
                json.WriteStartObject();
                json.WriteString("account", entry.Account);
                json.WriteNumber("lists", entry.Lists);
                json.WriteNumber("network", entry.Network);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else if (command.Code == CommandCodes.Uux || command.Code == CommandCodes.Ubx)
        {
            if (!PersonalStatus.TryParse(payload.Span, out var status, out var error))
            {
                json.WriteString("statusError", error.ToString());
                return;
            }

            json.WriteStartObject("status");
            json.WriteString("psm", status.PersonalMessage);
            json.WriteString("media", status.CurrentMedia);
            json.WriteEndObject();
        }
    }
}
