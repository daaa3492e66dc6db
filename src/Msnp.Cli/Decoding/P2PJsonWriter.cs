using System.Text.Json;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;
using Msnp.Protocol.P2P;

namespace Msnp.Cli.Decoding;

/// <summary>
/// For an <c>MSG</c> whose payload is an <c>application/x-msnmsgrp2p</c> message, writes a <c>"p2p"</c>
/// object: the P2Pv1 header fields, the footer (application id), and, for an SLP control message
/// that fits in its chunk, the <c>"slp"</c> start line, headers and body fields. A body that breaks
/// the rules gets <c>"p2pError"</c> instead.
/// </summary>
internal static class P2PJsonWriter
{
    public static void WriteIfPresent(Utf8JsonWriter json, MsnpCommand command)
    {
        if (command.Code != CommandCodes.Msg || command.Payload is not { } payload
            || !MimeMessage.TryParse(payload, out var message, out _) || !P2PMime.IsPeerToPeer(message))
        {
            return;
        }

        if (!P2PPacket.TryParse(message.Body, out var packet, out var error))
        {
            json.WriteString("p2pError", error);
            return;
        }

        var h = packet.Header;
        json.WriteStartObject("p2p");
        if (P2PMime.Destination(message) is { } destination)
        {
            json.WriteString("dest", destination);
        }

        json.WriteNumber("sessionId", h.SessionId);
        json.WriteNumber("id", h.Id);
        json.WriteNumber("offset", h.Offset);
        json.WriteNumber("totalSize", h.TotalSize);
        json.WriteNumber("length", h.Length);
        json.WriteString("flags", $"0x{(uint)h.Flags:X}");
        json.WriteString("kind", h.IsAck ? "ack" : h.IsData ? "data" : h.IsControl ? (h.SessionId == 0 ? "slp" : "data-preparation") : "other");
        json.WriteNumber("ackId", h.AckId);
        json.WriteNumber("ackUniqueId", h.AckUniqueId);
        json.WriteNumber("ackSize", h.AckSize);
        json.WriteNumber("footer", packet.Footer);
        if (h.IsControl && h.SessionId == 0 && h.Offset == 0 && h.IsFinal)
        {
            if (SlpMessage.TryParse(packet.Data.Span, out var slp, out var slpError))
            {
                WriteSlp(json, slp);
            }
            else
            {
                json.WriteString("slpError", slpError);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteSlp(Utf8JsonWriter json, SlpMessage slp)
    {
        json.WriteStartObject("slp");
        if (slp.IsRequest)
        {
            json.WriteString("method", slp.Method);
            json.WriteString("uri", slp.RequestUri);
        }
        else
        {
            json.WriteNumber("status", slp.StatusCode);
            json.WriteString("reason", slp.Reason);
        }

        json.WriteStartObject("headers");
        foreach (var (name, value) in slp.Headers)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteStartObject("body");
        foreach (var (name, value) in slp.Fields)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        if (slp.Context is { } context && P2PLinkContext.Describe(slp.EufGuid, context) is { } described)
        {
            json.WriteString("context", described);
        }

        json.WriteEndObject();
    }

    /// <summary>The INVITE context made readable: the MSNObject text, or the offered file's name and size.</summary>
    private static class P2PLinkContext
    {
        public static string? Describe(string? eufGuid, string context)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(context);
            }
            catch (FormatException)
            {
                return null;
            }

            if (string.Equals(eufGuid, SlpConstants.FileTransferGuid, StringComparison.OrdinalIgnoreCase))
            {
                return P2PFileContext.TryParse(bytes, out var file, out _) ? $"file \"{file.FileName}\", {file.FileSize} bytes" : null;
            }

            return System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');
        }
    }
}
