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

    /// <summary>
    /// Writes the message with LF line ends: the real service wrote CRLF into the XML, which every XML
    /// parser hands on as LF, and Pidgin splits on LF alone (<c>MSG_OIM_LINE_DEM</c>, <c>MSG_OIM_BODY_DEM</c>);
    /// our XML writer keeps a CR as a character reference, so LF is written directly.
    /// </summary>
    public string Write()
    {
        var utc = SentAt.ToUniversalTime();
        var from = SenderName.Length == 0 ? $"<{Sender}>" : $"{OimMimeText.EncodeWord(SenderName)} <{Sender}>";
        const string newLine = "\n";
        return "From: " + from + newLine
            + "To: " + Recipient + newLine
            + "Subject: " + newLine
            + "X-OIM-originatingSource: " + OriginAddress + newLine
            + "X-OIMProxy: MSNMSGR" + newLine
            + "MIME-Version: 1.0" + newLine
            + "Content-Type: text/plain; charset=UTF-8" + newLine
            + "Content-Transfer-Encoding: base64" + newLine
            + "X-OIM-Message-Type: OfflineMessage" + newLine
            + "X-OIM-Run-Id: {" + RunId.ToString("D").ToUpperInvariant() + "}" + newLine
            + "X-OIM-Sequence-Num: " + Sequence.ToString(CultureInfo.InvariantCulture) + newLine
            + "Message-ID: <OIM-" + Id.ToString("N").ToUpperInvariant() + "@msnp>" + newLine
            + "Date: " + utc.ToString("dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000" + newLine
            + "Return-Path: ndr@oim.messenger.msn.com" + newLine
            + newLine
            + OimMimeText.EncodeBody(Text, newLine);
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
