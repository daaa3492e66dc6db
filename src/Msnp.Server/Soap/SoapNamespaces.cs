namespace Msnp.Server.Soap;

/// <summary>The XML namespaces the Messenger web services read and write.</summary>
public static class SoapNamespaces
{
    /// <summary>SOAP 1.1 envelope (<c>soap:</c>).</summary>
    public const string Envelope = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>XML Schema instance (<c>xsi:type</c> on members).</summary>
    public const string SchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>XML Schema (<c>xsd:</c>), declared on every envelope the real services sent.</summary>
    public const string Schema = "http://www.w3.org/2001/XMLSchema";

    /// <summary>The address book and sharing services' namespace; also the base of their <c>SOAPAction</c> values and fault actors.</summary>
    public const string AddressBook = "http://www.msn.com/webservices/AddressBook";

    /// <summary>The namespace Pidgin expects behind the <c>q0:</c> prefix of <c>q0:BadContextToken</c>.</summary>
    public const string WsSecurityFaults = "http://schemas.microsoft.com/ws/2006/05/security";
}
