using System.Globalization;

namespace Msnp.Protocol.Oim;

/// <summary>
/// The MIME text a client puts into the <c>Content</c> element of an OIM <c>Store</c> request
/// (Pidgin <c>MSN_OIM_MSG_TEMPLATE</c>): fixed headers, the sender's run id and sequence number, and
/// the text as base64 in 76-character lines.
/// </summary>
/// <param name="Text">The message text.</param>
/// <param name="RunId">The sender's run id, one per client run.</param>
/// <param name="Sequence">The sequence number, equal to the SOAP header's <c>MessageNumber</c>.</param>
public sealed record OimStoreContent(string Text, Guid RunId, long Sequence)
{
    /// <summary>Writes the content as the official client did (LF line ends, braces around the run id).</summary>
    public string Write() =>
        "MIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=UTF-8\n"
        + "Content-Transfer-Encoding: base64\n"
        + "X-OIM-Message-Type: OfflineMessage\n"
        + "X-OIM-Run-Id: {" + RunId.ToString("D").ToUpperInvariant() + "}\n"
        + "X-OIM-Sequence-Num: " + Sequence.ToString(CultureInfo.InvariantCulture) + "\n\n"
        + OimMimeText.EncodeBody(Text, "\n");

    /// <summary>
    /// Reads posted content. False (the service answers <c>q0:InvalidContent</c>) unless it has
    /// <c>MIME-Version: 1.0</c>, a <c>text/plain</c> type whose charset (if any) is UTF-8,
    /// <c>Content-Transfer-Encoding: base64</c>, <c>X-OIM-Message-Type: OfflineMessage</c>, a GUID run id
    /// (braces optional), a non-negative sequence number, and a body that decodes to UTF-8.
    /// </summary>
    public static bool TryRead(string content, out OimStoreContent? result)
    {
        result = null;
        if (!OimMimeText.TrySplit(content, out var headers, out var body))
        {
            return false;
        }

        var type = OimMimeText.Find(headers, "Content-Type") ?? string.Empty;
        var mediaType = type.Split(';')[0].Trim();
        var charset = type.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase));
        if (OimMimeText.Find(headers, "MIME-Version") != "1.0"
            || !string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase)
            || (charset is not null && !charset["charset=".Length..].Trim('"').Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
            || !string.Equals(OimMimeText.Find(headers, "Content-Transfer-Encoding"), "base64", StringComparison.OrdinalIgnoreCase)
            || OimMimeText.Find(headers, "X-OIM-Message-Type") != "OfflineMessage"
            || !Guid.TryParse((OimMimeText.Find(headers, "X-OIM-Run-Id") ?? string.Empty).Trim('{', '}'), out var runId)
            || !long.TryParse(OimMimeText.Find(headers, "X-OIM-Sequence-Num"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !OimMimeText.TryDecodeBody(body, out var text))
        {
            return false;
        }

        result = new OimStoreContent(text, runId, sequence);
        return true;
    }
}
