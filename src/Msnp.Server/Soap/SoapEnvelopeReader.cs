using System.Xml;
using System.Xml.Linq;
using Msnp.Protocol.Xml;

namespace Msnp.Server.Soap;

/// <summary>
/// Reads a SOAP 1.1 request without trusting it: no DTD (a document type declaration is an error),
/// no resolver, a character bound, and a first forward-only pass that counts depth and elements
/// before anything is built in memory. Envelope, header and body are matched by local name, since
/// clients of different years used different prefixes; the action is the first element in the body.
/// </summary>
public static class SoapEnvelopeReader
{
    /// <summary>Parses <paramref name="body"/>; null when it is not well-formed, too deep, too large or not an envelope with an action.</summary>
    public static SoapEnvelope? TryRead(ReadOnlySpan<byte> body, SoapLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (body.Length == 0 || body.Length > limits.MaxRequestBytes)
        {
            return null;
        }

        var bytes = body.ToArray();
        try
        {
            if (!WithinBounds(bytes, limits))
            {
                return null;
            }

            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), Settings(limits));
            var root = XElement.Load(reader, LoadOptions.None);
            if (root.Name.LocalName != "Envelope")
            {
                return null;
            }

            XElement? header = null, soapBody = null;
            foreach (var child in root.Elements())
            {
                if (child.Name.LocalName == "Header" && header is null && soapBody is null)
                {
                    header = child;
                }
                else if (child.Name.LocalName == "Body" && soapBody is null)
                {
                    soapBody = child;
                }
            }

            var action = soapBody?.Elements().FirstOrDefault();
            return action is null ? null : new SoapEnvelope(header, action);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    // The first pass: depth and element count with nothing kept, so a deep or wide document is refused cheaply.
    private static bool WithinBounds(byte[] bytes, SoapLimits limits)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), Settings(limits));
        int elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && (++elements > limits.MaxElements || reader.Depth >= limits.MaxDepth))
            {
                return false;
            }
        }

        return true;
    }

    // Characters never outnumber bytes in UTF-8 or UTF-16 input, so the byte limit bounds the characters too.
    private static XmlReaderSettings Settings(SoapLimits limits) => SafeXmlReaderSettings.Create(limits.MaxRequestBytes, ignoreWhitespace: true);
}
