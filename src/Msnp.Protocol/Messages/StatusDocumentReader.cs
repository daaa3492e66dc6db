using System.Text;
using System.Xml;
using Msnp.Protocol.Xml;

namespace Msnp.Protocol.Messages;

/// <summary>
/// Reads the small XML documents of <c>UUX</c>/<c>UBX</c> (<c>&lt;Data&gt;</c>, and from MSNP16
/// <c>&lt;EndpointData&gt;</c> and <c>&lt;PrivateEndpointData&gt;</c>): the root's name and the text of
/// the named fields directly under it. Bounded (size, depth, field length), no DTD, strict UTF-8;
/// elements it was not asked for are skipped; the first occurrence of a field wins, as a scanning
/// client (msn-pecan) reads it.
/// </summary>
internal static class StatusDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="payload"/>; never throws on bad input.</summary>
    public static PersonalStatusError Read(ReadOnlySpan<byte> payload, PersonalStatusLimits limits, string[] fieldNames, out string root, out Dictionary<string, string> fields)
    {
        root = string.Empty;
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (payload.Length > limits.MaxPayloadBytes)
        {
            return PersonalStatusError.TooLarge;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return PersonalStatusError.Malformed;
        }

        try
        {
            return Read(text, limits, fieldNames, out root, fields);
        }
        catch (XmlException)
        {
            fields.Clear();
            return PersonalStatusError.Malformed;
        }
    }

    private static PersonalStatusError Read(string text, PersonalStatusLimits limits, string[] fieldNames, out string root, Dictionary<string, string> fields)
    {
        root = string.Empty;
        using var input = new StringReader(text);
        using var reader = XmlReader.Create(input, SafeXmlReaderSettings.Create(limits.MaxPayloadBytes));
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            return PersonalStatusError.Malformed;
        }

        if (reader.NamespaceURI.Length != 0)
        {
            return PersonalStatusError.WrongRoot;
        }

        root = reader.LocalName;
        if (reader.IsEmptyElement)
        {
            return PersonalStatusError.None;
        }

        // Walk every node: fields at depth 1 collect their text; anything deeper than the cap stops the read.
        string? field = null;
        int max = 0;
        var value = new StringBuilder();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth > limits.MaxDepth)
            {
                return PersonalStatusError.TooDeep;
            }

            if (reader.Depth == 1 && reader.NodeType == XmlNodeType.Element)
            {
                field = Array.IndexOf(fieldNames, reader.LocalName) >= 0 ? reader.LocalName : null;
                max = field is "DDP" or "Scene" ? limits.MaxObjectFieldLength : limits.MaxFieldLength;
                value.Clear();
                if (field is not null && reader.IsEmptyElement)
                {
                    fields.TryAdd(field, string.Empty);
                    field = null;
                }
            }
            else if (field is not null && reader.Depth == 2)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return PersonalStatusError.BadField;
                }

                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    value.Append(reader.Value);
                    if (value.Length > max)
                    {
                        return PersonalStatusError.BadField;
                    }
                }
            }
            else if (field is not null && reader.Depth == 1 && reader.NodeType == XmlNodeType.EndElement)
            {
                fields.TryAdd(field, value.ToString());
                field = null;
            }
        }

        return PersonalStatusError.None;
    }
}
