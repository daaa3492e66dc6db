using System.Globalization;

namespace Msnp.Protocol.Oim;

/// <summary>
/// An offline message in the form <c>rsi.asmx</c> <c>GetMessage</c> returns it (the text of
/// <c>GetMessageResult</c>): mail headers (<c>From: =?utf-8?B?…?= &lt;sender&gt;</c>, <c>To</c>,
/// <c>Date: 07 Dec 2026 01:02:03 +0000</c>, which Pidgin parses with a fixed pattern), the sender's
/// MIME headers and the text as base64 (Pidgin decodes the body after the first blank line).
/// </summary>
/// <param name="Sender">The sender's sign-in name.</param>
/// <param name="SenderName">The sender's friendly name as plain text; empty for none.</param>
/// <param name="Recipient">The recipient's sign-in name.</param>
/// <param name="SentAt">When the server took it.</param>
/// <param name="Text">The message text.</param>
public sealed record OimRetrievedMessage(string Sender, string SenderName, string Recipient, DateTimeOffset SentAt, string Text)
{
    /// <summary>The sender's run id, written as <c>X-OIM-Run-Id</c>.</summary>
    public Guid RunId { get; init; }

    /// <summary>The sender's sequence number, written as <c>X-OIM-Sequence-Num</c>.</summary>
    public long Sequence { get; init; }

    /// <summary>The address the message came from, for <c>X-OIM-originatingSource</c>.</summary>
    public string OriginAddress { get; init; } = string.Empty;

    /// <summary>The id, used in <c>Message-ID</c>.</summary>
    public Guid Id { get; init; }

    /// <summary>Writes the message with CRLF line ends.</summary>
    public string Write()
    {
        var utc = SentAt.ToUniversalTime();
        var from = SenderName.Length == 0 ? $"<{Sender}>" : $"{OimMimeText.EncodeWord(SenderName)} <{Sender}>";
        const string crlf = "\r\n";
        return "From: " + from + crlf
            + "To: " + Recipient + crlf
            + "Subject: " + crlf
            + "X-OIM-originatingSource: " + OriginAddress + crlf
            + "X-OIMProxy: MSNMSGR" + crlf
            + "MIME-Version: 1.0" + crlf
            + "Content-Type: text/plain; charset=UTF-8" + crlf
            + "Content-Transfer-Encoding: base64" + crlf
            + "X-OIM-Message-Type: OfflineMessage" + crlf
            + "X-OIM-Run-Id: {" + RunId.ToString("D").ToUpperInvariant() + "}" + crlf
            + "X-OIM-Sequence-Num: " + Sequence.ToString(CultureInfo.InvariantCulture) + crlf
            + "Message-ID: <OIM-" + Id.ToString("N").ToUpperInvariant() + "@msnp>" + crlf
            + "Date: " + utc.ToString("dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000" + crlf
            + "Return-Path: ndr@oim.messenger.msn.com" + crlf
            + crlf
            + OimMimeText.EncodeBody(Text, crlf);
    }

    /// <summary>
    /// Reads a retrieved message: the sender from <c>From</c> (the address in angle brackets, the
    /// name from its encoded word), <c>Date</c>, and the base64 text. False when the headers or the
    /// body cannot be read.
    /// </summary>
    public static bool TryRead(string text, out OimRetrievedMessage? message)
    {
        message = null;
        if (!OimMimeText.TrySplit(text, out var headers, out var body) || !OimMimeText.TryDecodeBody(body, out var decoded))
        {
            return false;
        }

        var from = OimMimeText.Find(headers, "From") ?? string.Empty;
        int open = from.LastIndexOf('<');
        int close = from.LastIndexOf('>');
        if (open < 0 || close < open)
        {
            return false;
        }

        var sender = from[(open + 1)..close].Trim();
        var name = OimMimeText.DecodeWord(from[..open].Trim());
        var date = OimMimeText.Find(headers, "Date");
        var sentAt = date is not null && DateTimeOffset.TryParseExact(
            ColonInOffset(date),
            ["dd MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var parsed) ? parsed : DateTimeOffset.MinValue;
        message = new OimRetrievedMessage(sender, name, OimMimeText.Find(headers, "To") ?? string.Empty, sentAt, decoded);
        return true;
    }

    // "-0800" → "-08:00", the form the "zzz" pattern reads.
    private static string ColonInOffset(string date)
    {
        var d = date.Trim();
        return d.Length > 5 && d[^5] is '+' or '-' && d[^4..].All(char.IsAsciiDigit) ? d[..^2] + ":" + d[^2..] : d;
    }
}
