using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Server.Passport;

/// <summary>
/// Writes <c>RST.srf</c> replies: a <c>RequestSecurityTokenResponseCollection</c> with one response per
/// requested token, or a SOAP 1.1 fault. Written with <see cref="XmlWriter"/> so that the ticket's
/// <c>&amp;</c> and anything echoed from the request are escaped.
/// </summary>
internal static class RstResponseWriter
{
    private const string Soap = RstSoap.SoapNamespace;
    private const string Trust = RstSoap.TrustNamespace;
    private const string Security = RstSoap.SecurityNamespace;
    public const string Utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private const string Policy = RstSoap.PolicyNamespace;
    private const string Addressing = RstSoap.AddressingNamespace;
    public const string PassportFault = "http://schemas.microsoft.com/Passport/SoapServices/SOAPFault";
    private const string Encryption = "http://www.w3.org/2001/04/xmlenc#";
    private const string Signature = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>Fault code for wrong credentials.</summary>
    public const string FailedAuthentication = "wsse:FailedAuthentication";

    /// <summary>Fault code (WS-Trust) for a request the service could not serve now, such as a busy server.</summary>
    public const string RequestFailed = "wst:RequestFailed";

    /// <summary>Fault code for a request we could not read.</summary>
    public const string InvalidRequest = "wsse:InvalidRequest";

    /// <summary>The success envelope; <paramref name="tickets"/> pairs with <paramref name="request"/>'s tokens.</summary>
    public static byte[] Success(RstRequest request, IReadOnlyList<IssuedTicket> tickets)
    {
        return Write(w =>
        {
            WritePassportHeader(w, authState: "0x48803", requestStatus: "0x0");
            w.WriteStartElement("S", "Body", Soap);
            w.WriteStartElement("wst", "RequestSecurityTokenResponseCollection", Trust);
            w.WriteAttributeString("xmlns", "wsu", null, Utility);
            w.WriteAttributeString("xmlns", "wsp", null, Policy);
            w.WriteAttributeString("xmlns", "wsa", null, Addressing);
            for (var i = 0; i < request.Tokens.Count; i++)
            {
                WriteToken(w, i, request.Tokens[i], tickets[i]);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    /// <summary>A SOAP fault with <paramref name="code"/> (a <c>wsse:</c> QName) and a human-readable reason.</summary>
    public static byte[] Fault(string code, string reason)
    {
        return Write(w =>
        {
            WritePassportHeader(w, authState: "0x80048800", requestStatus: code == FailedAuthentication ? "0x80048821" : "0x80048800");
            w.WriteStartElement("S", "Body", Soap);
            w.WriteStartElement("S", "Fault", Soap);
            if (code.StartsWith("wst:", StringComparison.Ordinal))
            {
                w.WriteAttributeString("xmlns", "wst", null, Trust); // the code's prefix
            }

            w.WriteElementString("faultcode", code);
            w.WriteElementString("faultstring", reason);
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static void WriteToken(XmlWriter w, int index, RstTokenRequest token, IssuedTicket ticket)
    {
        var legacy = string.Equals(token.Address, RstSoap.PassportTokenAddress, StringComparison.OrdinalIgnoreCase);
        w.WriteStartElement("wst", "RequestSecurityTokenResponse", Trust);
        w.WriteElementString("wst", "TokenType", Trust, legacy ? "urn:passport:legacy" : "urn:passport:compact");

        RstSoap.WriteAppliesTo(w, token.Address);

        w.WriteStartElement("wst", "LifeTime", Trust);
        w.WriteElementString("wsu", "Created", Utility, Timestamp(ticket.IssuedAt));
        w.WriteElementString("wsu", "Expires", Utility, Timestamp(ticket.ExpiresAt));
        w.WriteEndElement();

        w.WriteStartElement("wst", "RequestedSecurityToken", Trust);
        if (legacy)
        {
            WriteLegacyToken(w, index, ticket);
        }
        else
        {
            w.WriteStartElement("wsse", "BinarySecurityToken", Security);
            w.WriteAttributeString("Id", $"PPToken{index}");
            w.WriteString(ticket.Value);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("wst", "RequestedTokenReference", Trust);
        w.WriteStartElement("wsse", "KeyIdentifier", Security);
        w.WriteAttributeString("ValueType", legacy ? "urn:passport" : "urn:passport:compact");
        w.WriteEndElement();
        w.WriteStartElement("wsse", "Reference", Security);
        w.WriteAttributeString("URI", legacy ? $"#BinaryDAToken{index}" : $"#PPToken{index}");
        w.WriteEndElement();
        w.WriteEndElement();

        // MSNP13+ clients derive the keys of their SSO answer (SsoKeyBlob) from this secret; the
        // notification server recomputes it from the ticket they present.
        w.WriteStartElement("wst", "RequestedProofToken", Trust);
        w.WriteElementString("wst", "BinarySecret", Trust, Convert.ToBase64String(ticket.ProofSecret));
        w.WriteEndElement();

        w.WriteEndElement();
    }

    // The "tb" token was an encrypted blob only Passport itself read; clients pass it back opaquely.
    private static void WriteLegacyToken(XmlWriter w, int index, IssuedTicket ticket)
    {
        w.WriteStartElement("EncryptedData", Encryption);
        w.WriteAttributeString("Id", $"BinaryDAToken{index}");
        w.WriteAttributeString("Type", Encryption + "Element");
        w.WriteStartElement("EncryptionMethod", Encryption);
        w.WriteAttributeString("Algorithm", Encryption + "tripledes-cbc");
        w.WriteEndElement();
        w.WriteStartElement("ds", "KeyInfo", Signature);
        w.WriteElementString("ds", "KeyName", Signature, "http://Passport.NET/STS");
        w.WriteEndElement();
        w.WriteStartElement("CipherData", Encryption);
        w.WriteElementString("CipherValue", Encryption, Convert.ToBase64String(Encoding.ASCII.GetBytes(ticket.Value)));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WritePassportHeader(XmlWriter w, string authState, string requestStatus)
    {
        w.WriteStartElement("S", "Header", Soap);
        w.WriteStartElement("psf", "pp", PassportFault);
        w.WriteElementString("psf", "serverVersion", PassportFault, "1");
        w.WriteElementString("psf", "authstate", PassportFault, authState);
        w.WriteElementString("psf", "reqstatus", PassportFault, requestStatus);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("S", "Envelope", Soap);
            w.WriteAttributeString("xmlns", "wsse", null, Security); // fault codes are wsse: QNames
            body(w);
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
