using Msnp.Protocol.Auth.Passport;

namespace Msnp.Server.Passport;

/// <summary>
/// What differs between the two token-service addresses. <c>RST.srf</c> (Messenger 7.5–8.x, Pidgin,
/// BitlBee) speaks SOAP 1.1 with the 2004 WS-Trust namespace, spells <c>wst:LifeTime</c> and puts
/// its fault straight under the envelope (both Pidgin's <c>msn_soap_handle_body</c> and BitlBee's
/// <c>S:Fault</c>/<c>S:Envelope</c> handler look for it there). <c>RST2.srf</c> (Messenger 2009)
/// speaks SOAP 1.2 with the 2005 WS-Trust and OASIS WS-Security namespaces, spells
/// <c>wst:Lifetime</c> and sends SOAP 1.2 faults (<c>S:Code/S:Subcode</c>) inside the body.
/// Requests of either are read by local name (<see cref="RstRequestReader"/>), so only replies differ.
/// </summary>
internal sealed record RstFlavor(
    string Endpoint,
    string SoapNamespace,
    string TrustNamespace,
    string SecurityNamespace,
    string PolicyNamespace,
    string AddressingNamespace,
    string LifetimeElement,
    bool Soap12)
{
    /// <summary><c>RST.srf</c>.</summary>
    public static RstFlavor Rst { get; } = new(
        "rst",
        RstSoap.SoapNamespace,
        RstSoap.TrustNamespace,
        RstSoap.SecurityNamespace,
        RstSoap.PolicyNamespace,
        RstSoap.AddressingNamespace,
        "LifeTime",
        Soap12: false);

    /// <summary><c>RST2.srf</c>.</summary>
    public static RstFlavor Rst2 { get; } = new(
        "rst2",
        "http://www.w3.org/2003/05/soap-envelope",
        "http://schemas.xmlsoap.org/ws/2005/02/trust",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
        "http://schemas.xmlsoap.org/ws/2004/09/policy",
        "http://www.w3.org/2005/08/addressing",
        "Lifetime",
        Soap12: true);

    /// <summary>The fault's code as this flavor names it (a QName whose prefix the envelope declares).</summary>
    public string FaultCode(RstFault fault) => (fault, Soap12) switch
    {
        (RstFault.FailedAuthentication, false) => "wsse:FailedAuthentication",
        (RstFault.InvalidRequest, false) => "wsse:InvalidRequest",
        (RstFault.FailedAuthentication, true) => "wst:FailedAuthentication",
        (RstFault.InvalidRequest, true) => "wst:InvalidRequest",
        (RstFault.RequestFailed, _) => "wst:RequestFailed",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };
}

/// <summary>The faults the token service sends.</summary>
internal enum RstFault
{
    /// <summary>Wrong password, unknown account, or an account or address locked by the sign-in back-off.</summary>
    FailedAuthentication,

    /// <summary>A request we could not read (or one too large to read).</summary>
    InvalidRequest,

    /// <summary>The server is busy (rate or hashing slots); try again shortly.</summary>
    RequestFailed,
}
