namespace Msnp.Client;

/// <summary>How MSNP8–9 sign-in gets its Passport ticket (catalogue §5.3).</summary>
public enum PassportFlow
{
    /// <summary>Passport 1.4: <c>GET</c> the nexus for <c>DALogin</c>, then <c>GET</c> it with the credentials, following 302 redirects.</summary>
    Nexus,

    /// <summary>The WS-Trust SOAP service (<c>POST RST.srf</c>) that later clients used; one request, the ticket comes back in XML.</summary>
    TokenService,
}
