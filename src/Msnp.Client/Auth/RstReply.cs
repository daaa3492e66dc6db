using System.Xml;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Client.Auth;

/// <summary>One token of an <c>RST.srf</c> reply: the service it applies to, its ticket and its proof secret.</summary>
internal sealed record RstToken(string Address, string Ticket, string? Secret);

/// <summary>
/// Reads an <c>RST.srf</c> reply: every compact token with its address and <c>BinarySecret</c>, or a
/// SOAP fault (SOAP 1.1 <c>faultcode</c> wherever it sits, or a SOAP 1.2 subcode). Elements are
/// matched by local name (see <see cref="RstSoap.CreateReaderSettings"/>); the document size is
/// bounded by the HTTP client.
/// </summary>
internal sealed record RstReply(IReadOnlyList<RstToken> Tokens, string? FaultCode, string? FaultText)
{
    /// <summary>The first token for <paramref name="address"/> (case-insensitive), or null.</summary>
    public RstToken? For(string address) =>
        Tokens.FirstOrDefault(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The MSNP8–12 ticket: <c>messenger.msn.com</c>'s, else the first compact token.</summary>
    public string? Ticket => For(RstSoap.MessengerAddress)?.Ticket ?? Tokens.FirstOrDefault()?.Ticket;

    public static RstReply Read(byte[] body)
    {
        var tokens = new List<RstToken>();
        string? faultCode = null, faultText = null, address = null, token = null, secret = null;
        var inSubcode = false;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, RstSoap.CreateReaderSettings());
            reader.Read();
            while (!reader.EOF && reader.Depth <= RstSoap.MaxDepth)
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (reader.LocalName == "RequestSecurityTokenResponse")
                    {
                        if (token is not null && address is not null)
                        {
                            tokens.Add(new RstToken(address, token, secret));
                        }

                        address = token = secret = null;
                    }
                    else if (reader.LocalName == "Subcode")
                    {
                        inSubcode = false;
                    }

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
                        var value = reader.ReadElementContentAsString().Trim();
                        token = value.StartsWith("t=", StringComparison.Ordinal) ? value : null;
                        break;
                    case "BinarySecret":
                        secret = reader.ReadElementContentAsString().Trim();
                        break;
                    case "faultcode":
                        faultCode = reader.ReadElementContentAsString().Trim();
                        break;
                    case "faultstring":
                    case "Text" when faultCode is not null:
                        faultText = reader.ReadElementContentAsString().Trim();
                        break;
                    case "Subcode":
                        inSubcode = true;
                        reader.Read();
                        break;
                    case "Value" when inSubcode:
                        faultCode = reader.ReadElementContentAsString().Trim();
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

        return new RstReply(tokens, faultCode, faultText);
    }
}
