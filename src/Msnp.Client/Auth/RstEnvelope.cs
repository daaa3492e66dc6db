using System.Text;
using System.Xml;

namespace Msnp.Client.Auth;

/// <summary>Writes the <c>RequestMultipleSecurityTokens</c> envelope Messenger clients posted to <c>RST.srf</c>.</summary>
internal static class RstEnvelope
{
    private const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Security = "http://schemas.xmlsoap.org/ws/2003/06/secext";
    private const string Trust = "http://schemas.xmlsoap.org/ws/2004/04/trust";
    private const string Policy = "http://schemas.xmlsoap.org/ws/2002/12/policy";
    private const string Addressing = "http://schemas.xmlsoap.org/ws/2004/03/addressing";
    private const string Ppcrl = "http://schemas.microsoft.com/Passport/SoapServices/PPCRL";

    /// <summary>The service whose token is the MSNP ticket.</summary>
    public const string MessengerAddress = "messenger.msn.com";

    /// <summary>Two tokens, as the official client asked: Passport's own, then messenger's with the challenge as policy.</summary>
    public static byte[] Build(string account, string password, string challenge)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartElement("Envelope", Soap);
            w.WriteAttributeString("xmlns", "wsse", null, Security);
            w.WriteAttributeString("xmlns", "wsp", null, Policy);
            w.WriteAttributeString("xmlns", "wsa", null, Addressing);
            w.WriteAttributeString("xmlns", "wst", null, Trust);

            w.WriteStartElement("Header", Soap);
            w.WriteStartElement("ps", "AuthInfo", Ppcrl);
            w.WriteAttributeString("Id", "PPAuthInfo");
            w.WriteElementString("ps", "HostingApp", Ppcrl, "{7108E71A-9926-4FCB-BCC9-9A9D3F32E423}");
            w.WriteElementString("ps", "BinaryVersion", Ppcrl, "4");
            w.WriteEndElement();
            w.WriteStartElement("wsse", "Security", Security);
            w.WriteStartElement("wsse", "UsernameToken", Security);
            w.WriteAttributeString("Id", "user");
            w.WriteElementString("wsse", "Username", Security, account);
            w.WriteElementString("wsse", "Password", Security, password);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("Body", Soap);
            w.WriteStartElement("ps", "RequestMultipleSecurityTokens", Ppcrl);
            w.WriteAttributeString("Id", "RSTS");
            WriteToken(w, "RST0", "http://Passport.NET/tb", policy: null);
            WriteToken(w, "RST1", MessengerAddress, "?" + challenge);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void WriteToken(XmlWriter w, string id, string address, string? policy)
    {
        w.WriteStartElement("wst", "RequestSecurityToken", Trust);
        w.WriteAttributeString("Id", id);
        w.WriteElementString("wst", "RequestType", Trust, "http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue");
        w.WriteStartElement("wsp", "AppliesTo", Policy);
        w.WriteStartElement("wsa", "EndpointReference", Addressing);
        w.WriteElementString("wsa", "Address", Addressing, address);
        w.WriteEndElement();
        w.WriteEndElement();
        if (policy is not null)
        {
            w.WriteStartElement("wsse", "PolicyReference", Security);
            w.WriteAttributeString("URI", policy);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
