namespace Msnp.Server.Passport;

/// <summary>What we use of a WS-Trust <c>RequestMultipleSecurityTokens</c> envelope.</summary>
/// <param name="Username">From <c>wsse:Security/wsse:UsernameToken/wsse:Username</c>.</param>
/// <param name="Password">From <c>wsse:Security/wsse:UsernameToken/wsse:Password</c>.</param>
/// <param name="Tokens">The requested tokens in request order.</param>
internal sealed record RstRequest(string Username, string Password, IReadOnlyList<RstTokenRequest> Tokens);

/// <summary>One <c>wst:RequestSecurityToken</c>.</summary>
/// <param name="Id">Its <c>Id</c> (<c>RST0</c>, <c>RST1</c> …).</param>
/// <param name="Address">The service the token is for (<c>wsp:AppliesTo/wsa:EndpointReference/wsa:Address</c>).</param>
/// <param name="PolicyReference">The <c>wsse:PolicyReference</c> URI, if any (e.g. <c>?id=507</c>).</param>
internal sealed record RstTokenRequest(string Id, string Address, string? PolicyReference);
