using System.Xml;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Client.Auth;

/// <summary>
/// Reads an <c>RST.srf</c> reply: the compact token for <c>messenger.msn.com</c>, or a SOAP fault.
/// Elements are matched by local name (see <see cref="RstSoap.CreateReaderSettings"/>); the document
/// size is bounded by the HTTP client.
/// </summary>
internal sealed record RstReply(string? Ticket, string? FaultCode, string? FaultText)
{
    public static RstReply Read(byte[] body)
    {
        string? ticket = null, firstCompact = null, faultCode = null, faultText = null, address = null, token = null;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, RstSoap.CreateReaderSettings());
            reader.Read();
            while (!reader.EOF && reader.Depth <= RstSoap.MaxDepth)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "RequestSecurityTokenResponse")
                {
                    // One response ends: keep its compact token if it applies to messenger.
                    if (token is not null && string.Equals(address, RstSoap.MessengerAddress, StringComparison.OrdinalIgnoreCase))
                    {
                        ticket ??= token;
                    }

                    address = token = null;
                    reader.Read();
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "Address":
                        address = reader.ReadElementContentAsString().Trim();
                        break;
                    case "BinarySecurityToken":
                        token = reader.ReadElementContentAsString().Trim();
                        if (token.StartsWith("t=", StringComparison.Ordinal))
                        {
                            firstCompact ??= token;
                        }

                        break;
                    case "faultcode":
                        faultCode = reader.ReadElementContentAsString().Trim();
                        break;
                    case "faultstring":
                        faultText = reader.ReadElementContentAsString().Trim();
                        break;
                    default:
                        // ReadElementContentAsString above already moved past its element.
                        reader.Read();
                        break;
                }
            }
        }
        catch (XmlException)
        {
            // What was read so far decides; an unreadable reply without a ticket is reported as such.
        }

        return new RstReply(ticket ?? firstCompact, faultCode, faultText);
    }
}
