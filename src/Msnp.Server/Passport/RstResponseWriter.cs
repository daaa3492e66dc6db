using System.Globalization;
using System.Text;
using System.Xml;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Server.Passport;

/// <summary>
/// Writes token-service replies: a <c>RequestSecurityTokenResponseCollection</c> with one response per
/// requested token, or a fault, in the shape of the <see cref="RstFlavor"/> asked. Written with
/// <see cref="XmlWriter"/> without indentation: the ticket's <c>&amp;</c> and anything echoed from the
/// request are escaped, and there is no whitespace between elements (Pidgin walks the responses with
/// <c>node-&gt;next</c> and gives up on the first text node).
/// </summary>
internal static class RstResponseWriter
{
    public const string Utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string PassportFault = "http://schemas.microsoft.com/Passport/SoapServices/SOAPFault";
    private const string Encryption = "http://www.w3.org/2001/04/xmlenc#";
    private const string Signature = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>The <c>psf:reqstatus</c> of a wrong password ("the entered and stored passwords do not match").</summary>
    private const string WrongPasswordStatus = "0x80048821";

    /// <summary>The <c>psf:reqstatus</c> of other failures.</summary>
    private const string FailureStatus = "0x80048800";

    /// <summary>
    /// The <c>Id</c> of a token: <c>Compact{n}</c>, or <c>PPToken{n}</c> for a legacy <c>?id=…</c>
    /// policy (Messenger 7.x's <c>messenger.msn.com</c>), where <c>n</c> is the token's position in
    /// the request. Clients find their tickets by this number: Pidgin takes <c>atol(Id + 7) - 1</c>
    /// as the index into its domain list and BitlBee the last digit, so with <c>Passport.NET/tb</c>
    /// first, <c>messengerclear.live.com</c> must be <c>Compact1</c> and the address book's <c>Compact2</c>.
    /// </summary>
    public static string TokenId(int index, RstTokenRequest token) =>
        (token.PolicyReference is ['?', ..] ? "PPToken" : "Compact") + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The success envelope; <paramref name="tickets"/> pairs with <paramref name="request"/>'s tokens.
    /// Filled into a template made once per flavor from <see cref="WriteSuccess"/> itself
    /// (<see cref="RstSuccessTemplate"/>); a value the template cannot take as it is goes through the writer.
    /// </summary>
    public static byte[] Success(RstFlavor flavor, RstRequest request, IReadOnlyList<IssuedTicket> tickets, DateTimeOffset now)
    {
        var header = HeaderText.At(now);
        var tokens = new TokenText[request.Tokens.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = TokenText.Of(i, request.Tokens[i], tickets[i]);
        }

        return RstSuccessTemplate.For(flavor).TryFill(header, tokens) ?? WriteSuccess(flavor, header, tokens);
    }

    /// <summary>The success envelope written with <see cref="XmlWriter"/> (the template's source and fallback).</summary>
    internal static byte[] WriteSuccess(RstFlavor flavor, HeaderText header, IReadOnlyList<TokenText> tokens)
    {
        return Write(flavor, w =>
        {
            WriteHeader(w, flavor, authState: "0x48803", requestStatus: "0x0", header);
            w.WriteStartElement("S", "Body", flavor.SoapNamespace);
            w.WriteStartElement("wst", "RequestSecurityTokenResponseCollection", flavor.TrustNamespace);
            w.WriteAttributeString("xmlns", "wsp", null, flavor.PolicyNamespace);
            w.WriteAttributeString("xmlns", "wsa", null, flavor.AddressingNamespace);
            foreach (var token in tokens)
            {
                WriteToken(w, flavor, token);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    /// <summary>The header's own timestamps (RST2.srf's WS-Security timestamp), as written.</summary>
    internal readonly record struct HeaderText(string Created, string Expires)
    {
        public static HeaderText At(DateTimeOffset now) => new(Timestamp(now), Timestamp(now.AddMinutes(5)));
    }

    /// <summary>Everything of one token that varies, as the text written.</summary>
    internal sealed record TokenText(bool Legacy, string Id, string Address, string Created, string Expires, string Value, string Secret, string LegacyCipher)
    {
        public static TokenText Of(int index, RstTokenRequest token, IssuedTicket ticket)
        {
            var legacy = string.Equals(token.Address, RstSoap.PassportTokenAddress, StringComparison.OrdinalIgnoreCase);
            return new TokenText(
                legacy,
                legacy ? $"BinaryDAToken{index.ToString(CultureInfo.InvariantCulture)}" : TokenId(index, token),
                token.Address,
                Timestamp(ticket.IssuedAt),
                Timestamp(ticket.ExpiresAt),
                ticket.Value,
                Convert.ToBase64String(ticket.ProofSecret),
                legacy ? Convert.ToBase64String(Encoding.ASCII.GetBytes(ticket.Value)) : string.Empty);
        }
    }

    /// <summary>A fault with a human-readable <paramref name="reason"/>.</summary>
    public static byte[] Fault(RstFlavor flavor, RstFault fault, string reason, DateTimeOffset now)
    {
        var code = flavor.FaultCode(fault);
        var status = fault == RstFault.FailedAuthentication ? WrongPasswordStatus : FailureStatus;
        return Write(flavor, w =>
        {
            WriteHeader(w, flavor, authState: "0x80048800", requestStatus: status, HeaderText.At(now));
            if (flavor.Soap12)
            {
                WriteSoap12Fault(w, flavor, code, reason, status);
            }
            else
            {
                // Live ID put the SOAP 1.1 fault directly under the envelope, and the clients look for it there.
                w.WriteStartElement("S", "Fault", flavor.SoapNamespace);
                w.WriteElementString("faultcode", code);
                w.WriteElementString("faultstring", reason);
                w.WriteEndElement();
            }
        });
    }

    private static void WriteSoap12Fault(XmlWriter w, RstFlavor flavor, string code, string reason, string status)
    {
        var soap = flavor.SoapNamespace;
        w.WriteStartElement("S", "Body", soap);
        w.WriteStartElement("S", "Fault", soap);
        w.WriteStartElement("S", "Code", soap);
        w.WriteElementString("S", "Value", soap, "S:Sender");
        w.WriteStartElement("S", "Subcode", soap);
        w.WriteElementString("S", "Value", soap, code);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("S", "Reason", soap);
        w.WriteStartElement("S", "Text", soap);
        w.WriteAttributeString("xml", "lang", null, "en-US");
        w.WriteString(reason);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("S", "Detail", soap);
        w.WriteStartElement("psf", "error", PassportFault);
        w.WriteElementString("psf", "value", PassportFault, status);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteToken(XmlWriter w, RstFlavor flavor, TokenText token)
    {
        var trust = flavor.TrustNamespace;
        var security = flavor.SecurityNamespace;
        var legacy = token.Legacy;
        var id = token.Id;
        w.WriteStartElement("wst", "RequestSecurityTokenResponse", trust);
        w.WriteElementString("wst", "TokenType", trust, legacy ? "urn:passport:legacy" : "urn:passport:compact");

        w.WriteStartElement("wsp", "AppliesTo", flavor.PolicyNamespace);
        w.WriteStartElement("wsa", "EndpointReference", flavor.AddressingNamespace);
        w.WriteElementString("wsa", "Address", flavor.AddressingNamespace, token.Address);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("wst", flavor.LifetimeElement, trust);
        w.WriteElementString("wsu", "Created", Utility, token.Created);
        w.WriteElementString("wsu", "Expires", Utility, token.Expires);
        w.WriteEndElement();

        w.WriteStartElement("wst", "RequestedSecurityToken", trust);
        if (legacy)
        {
            WriteLegacyToken(w, id, token.LegacyCipher);
        }
        else
        {
            w.WriteStartElement("wsse", "BinarySecurityToken", security);
            w.WriteAttributeString("Id", id);
            w.WriteString(token.Value);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        if (flavor.Soap12)
        {
            WriteReference(w, flavor, "RequestedAttachedReference", id);
            WriteReference(w, flavor, "RequestedUnattachedReference", id);
        }
        else
        {
            w.WriteStartElement("wst", "RequestedTokenReference", trust);
            w.WriteStartElement("wsse", "KeyIdentifier", security);
            w.WriteAttributeString("ValueType", legacy ? "urn:passport" : "urn:passport:compact");
            w.WriteEndElement();
            w.WriteStartElement("wsse", "Reference", security);
            w.WriteAttributeString("URI", "#" + id);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        // MSNP15+ clients derive the keys of their SSO answer (SsoKeyBlob) from the messenger token's
        // secret; the notification server recomputes it from the ticket they present.
        w.WriteStartElement("wst", "RequestedProofToken", trust);
        w.WriteElementString("wst", "BinarySecret", trust, token.Secret);
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void WriteReference(XmlWriter w, RstFlavor flavor, string element, string id)
    {
        w.WriteStartElement("wst", element, flavor.TrustNamespace);
        w.WriteStartElement("wsse", "SecurityTokenReference", flavor.SecurityNamespace);
        w.WriteStartElement("wsse", "Reference", flavor.SecurityNamespace);
        w.WriteAttributeString("URI", "#" + id);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    // The "tb" token was an encrypted blob only Passport itself read; clients pass it back opaquely.
    private static void WriteLegacyToken(XmlWriter w, string id, string cipher)
    {
        w.WriteStartElement("EncryptedData", Encryption);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", Encryption + "Element");
        w.WriteStartElement("EncryptionMethod", Encryption);
        w.WriteAttributeString("Algorithm", Encryption + "tripledes-cbc");
        w.WriteEndElement();
        w.WriteStartElement("ds", "KeyInfo", Signature);
        w.WriteElementString("ds", "KeyName", Signature, "http://Passport.NET/STS");
        w.WriteEndElement();
        w.WriteStartElement("CipherData", Encryption);
        w.WriteElementString("CipherValue", Encryption, cipher);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteHeader(XmlWriter w, RstFlavor flavor, string authState, string requestStatus, HeaderText times)
    {
        w.WriteStartElement("S", "Header", flavor.SoapNamespace);
        if (flavor.Soap12)
        {
            // RST2.srf answers carry the WS-Addressing action and a WS-Security timestamp, as Live ID's did.
            w.WriteElementString("wsa", "Action", flavor.AddressingNamespace, "http://schemas.xmlsoap.org/ws/2005/02/trust/RSTR/Issue");
            w.WriteElementString("wsa", "To", flavor.AddressingNamespace, "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous");
            w.WriteStartElement("wsse", "Security", flavor.SecurityNamespace);
            w.WriteStartElement("wsu", "Timestamp", Utility);
            w.WriteElementString("wsu", "Created", Utility, times.Created);
            w.WriteElementString("wsu", "Expires", Utility, times.Expires);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteStartElement("psf", "pp", PassportFault);
        w.WriteElementString("psf", "serverVersion", PassportFault, "1");
        w.WriteElementString("psf", "authstate", PassportFault, authState);
        w.WriteElementString("psf", "reqstatus", PassportFault, requestStatus);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.Entitize, CloseOutput = false };

    private static byte[] Write(RstFlavor flavor, Action<XmlWriter> body)
    {
        return Soap.XmlOutput.Write(Settings, w =>
        {
            w.WriteStartDocument();
            w.WriteStartElement("S", "Envelope", flavor.SoapNamespace);

            // Fault codes are wsse:/wst: QNames and BitlBee matches elements by prefixed name, so the
            // prefixes are declared once at the top and always the same.
            w.WriteAttributeString("xmlns", "wsse", null, flavor.SecurityNamespace);
            w.WriteAttributeString("xmlns", "wst", null, flavor.TrustNamespace);
            w.WriteAttributeString("xmlns", "wsu", null, Utility);
            w.WriteAttributeString("xmlns", "psf", null, PassportFault);
            if (flavor.Soap12)
            {
                w.WriteAttributeString("xmlns", "wsa", null, flavor.AddressingNamespace);
            }

            body(w);
            w.WriteEndElement();
            w.WriteEndDocument();
        });
    }

    // yyyy-MM-ddTHH:mm:ssZ: the sortable format ("s", which skips the custom-format parser) and a Z.
    private static string Timestamp(DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.UtcDateTime:s}Z");
}
