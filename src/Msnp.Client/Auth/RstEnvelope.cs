using System.Text;
using System.Xml;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Client.Auth;

/// <summary>Writes the <c>RequestMultipleSecurityTokens</c> envelope Messenger clients posted to <c>RST.srf</c>.</summary>
internal static class RstEnvelope
{
    private const string Soap = RstSoap.SoapNamespace;
    private const string Security = RstSoap.SecurityNamespace;
    private const string Trust = RstSoap.TrustNamespace;
    private const string Policy = RstSoap.PolicyNamespace;
    private const string Addressing = RstSoap.AddressingNamespace;
    private const string Ppcrl = "http://schemas.microsoft.com/Passport/SoapServices/PPCRL";

    /// <summary>Two tokens, as the official client asked: Passport's own, then messenger's with the challenge as policy.</summary>
    public static byte[] Build(string account, string password, string challenge) =>
        Build(account, password, [(RstSoap.PassportTokenAddress, null), (RstSoap.MessengerAddress, "?" + challenge)]);

    /// <summary>One <c>RST{n}</c> per domain, in this order, with its policy when it has one.</summary>
    public static byte[] Build(string account, string password, IReadOnlyList<(string Address, string? Policy)> domains)
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
            for (var i = 0; i < domains.Count; i++)
            {
                WriteToken(w, "RST" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), domains[i].Address, domains[i].Policy);
            }

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
        RstSoap.WriteAppliesTo(w, address);
        if (policy is not null)
        {
            w.WriteStartElement("wsse", "PolicyReference", Security);
            w.WriteAttributeString("URI", policy);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}
