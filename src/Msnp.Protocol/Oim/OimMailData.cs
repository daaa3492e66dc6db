using System.Globalization;
using System.Text;
using System.Xml;

namespace Msnp.Protocol.Oim;

/// <summary>One <c>&lt;M&gt;</c> entry of a mail-data document: an offline message waiting on the server.</summary>
/// <param name="Id">The id for <c>GetMessage</c> and <c>DeleteMessages</c> (<c>I</c>).</param>
/// <param name="Sender">The sender's sign-in name (<c>E</c>).</param>
/// <param name="SenderName">The sender's friendly name, decoded from <c>N</c>; empty for none.</param>
/// <param name="ReceivedAt">When the server took it (<c>RT</c>), null when absent.</param>
/// <param name="Size">The size the server reports (<c>SZ</c>).</param>
public sealed record OimMailDataEntry(string Id, string Sender, string SenderName, DateTimeOffset? ReceivedAt, int Size);

/// <summary>
/// The <c>Mail-Data</c> document (<c>&lt;MD&gt;</c>) of <c>text/x-msmsgsinitialmdatanotification</c>,
/// <c>text/x-msmsgsoimnotification</c> and the <c>GetMetadata</c> answer: inbox counts (<c>E</c>),
/// quotas (<c>Q</c>) and one <c>M</c> per offline message. When there are too many messages for the
/// NS message, the field holds the word <c>too-large</c> instead, and clients call <c>GetMetadata</c>
/// (Pidgin <c>msn_parse_oim_msg</c>).
/// </summary>
public static class OimMailData
{
    /// <summary>What the <c>Mail-Data</c> field holds instead of a document when it would be too long.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The folder id of the offline-message folder in <c>F</c>.</summary>
    public const string OfflineFolder = "00000000-0000-0000-0000-000000000009";

    /// <summary>Longest document <see cref="TryRead"/> accepts, in characters.</summary>
    public const int MaxDocumentLength = 256 * 1024;

    /// <summary>Most entries <see cref="TryRead"/> returns.</summary>
    public const int MaxEntries = 1000;

    /// <summary>Writes a document; <paramref name="counts"/> adds the empty inbox counts and the quotas (the NS form).</summary>
    public static string Write(IEnumerable<OimMailDataEntry> entries, bool counts = true)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var builder = new StringBuilder("<MD>");
        if (counts)
        {
            builder.Append("<E><I>0</I><IU>0</IU><O>0</O><OU>0</OU></E><Q><QTM>409600</QTM><QNM>204800</QNM></Q>");
        }

        foreach (var e in entries)
        {
            builder.Append("<M><T>11</T><S>6</S>");
            if (e.ReceivedAt is { } at)
            {
                builder.Append("<RT>").Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append("</RT>");
            }

            builder.Append("<RS>0</RS><SZ>").Append(e.Size.ToString(CultureInfo.InvariantCulture)).Append("</SZ>")
                .Append("<E>").Append(Escape(e.Sender)).Append("</E>")
                .Append("<I>").Append(Escape(e.Id)).Append("</I>")
                .Append("<F>").Append(OfflineFolder).Append("</F>")
                .Append("<N>").Append(Escape(OimMimeText.EncodeWord(e.SenderName))).Append("</N></M>");
        }

        return builder.Append("</MD>").ToString();
    }

    /// <summary>
    /// Reads the <c>M</c> entries of a document (no DTD, bounded size and depth). False when the
    /// text is not an <c>MD</c> document; <see cref="TooLarge"/> is not a document either, so check
    /// for it first.
    /// </summary>
    public static bool TryRead(string document, out List<OimMailDataEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(document);
        entries = [];
        if (document.Length > MaxDocumentLength)
        {
            return false;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentLength,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(document), settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "MD")
            {
                return false;
            }

            if (reader.IsEmptyElement)
            {
                return true;
            }

            while (reader.Read() && reader.Depth >= 1)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "M" && !reader.IsEmptyElement)
                {
                    if (entries.Count == MaxEntries)
                    {
                        return false;
                    }

                    entries.Add(ReadEntry(reader));
                }
            }

            return true;
        }
        catch (XmlException)
        {
            entries = [];
            return false;
        }
    }

    // Called on the M start tag; returns on its end tag. Each Read*/Skip call below moves past what it read.
    private static OimMailDataEntry ReadEntry(XmlReader reader)
    {
        string id = string.Empty, sender = string.Empty, name = string.Empty;
        DateTimeOffset? at = null;
        int size = 0;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "I":
                    id = reader.ReadElementContentAsString().Trim();
                    break;
                case "E":
                    sender = reader.ReadElementContentAsString().Trim();
                    break;
                case "N":
                    name = OimMimeText.DecodeWord(reader.ReadElementContentAsString());
                    break;
                case "RT":
                    at = DateTimeOffset.TryParse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
                    break;
                case "SZ":
                    size = int.TryParse(reader.ReadElementContentAsString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OimMailDataEntry(id, sender, name, at, size);
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
