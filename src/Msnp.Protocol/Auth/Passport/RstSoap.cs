using System.Xml;
using Msnp.Protocol.Xml;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// What the <c>RST.srf</c> token service and its clients share: the WS-* namespaces of the
/// <c>RequestMultipleSecurityTokens</c> envelope and its reply, the two token addresses Messenger
/// asks for, the <c>AppliesTo</c> element both sides write, and reader settings safe for hostile XML.
/// </summary>
public static class RstSoap
{
    /// <summary>SOAP 1.1 envelope.</summary>
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>WS-Security as Passport used it (<c>wsse:</c>).</summary>
    public const string SecurityNamespace = "http://schemas.xmlsoap.org/ws/2003/06/secext";

    /// <summary>WS-Trust (<c>wst:</c>).</summary>
    public const string TrustNamespace = "http://schemas.xmlsoap.org/ws/2004/04/trust";

    /// <summary>WS-Policy (<c>wsp:</c>).</summary>
    public const string PolicyNamespace = "http://schemas.xmlsoap.org/ws/2002/12/policy";

    /// <summary>WS-Addressing (<c>wsa:</c>).</summary>
    public const string AddressingNamespace = "http://schemas.xmlsoap.org/ws/2004/03/addressing";

    /// <summary>Passport's own "ticket-granting" token, answered in its legacy encrypted shape.</summary>
    public const string PassportTokenAddress = "http://Passport.NET/tb";

    /// <summary>The service whose compact token is the MSNP ticket.</summary>
    public const string MessengerAddress = "messenger.msn.com";

    /// <summary>Deeper nesting than any real envelope; readers stop there.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Settings for reading an envelope or reply (<see cref="SafeXmlReaderSettings"/>). Elements are
    /// matched by local name because token services and clients of different years used different
    /// WS-* namespaces.
    /// </summary>
    /// <param name="maxCharactersInDocument">The document bound, or 0 when the caller bounds the bytes itself.</param>
    public static XmlReaderSettings CreateReaderSettings(long maxCharactersInDocument = 0) => SafeXmlReaderSettings.Create(maxCharactersInDocument);

    /// <summary>Writes <c>wsp:AppliesTo/wsa:EndpointReference/wsa:Address</c>, which names a token's service in requests and replies alike.</summary>
    public static void WriteAppliesTo(XmlWriter writer, string address)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartElement("wsp", "AppliesTo", PolicyNamespace);
        writer.WriteStartElement("wsa", "EndpointReference", AddressingNamespace);
        writer.WriteElementString("wsa", "Address", AddressingNamespace, address);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
