using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Msnp.Server.Admin.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer …</c> against the token in <c>admin-api.json</c>
/// (<see cref="LocalAdminToken"/>); anything else is anonymous, and the API then answers 401.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LocalAdminToken token) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "token";

    /// <summary>The actor name audit lines carry for API calls.</summary>
    public const string LocalActor = "local-token";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!token.Matches(header.AsSpan(7).Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong token."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, LocalActor)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
