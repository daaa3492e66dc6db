using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Msnp.Server.Diagnostics;
using Msnp.Server.Limits;

namespace Msnp.Server.Passport;

/// <summary>
/// <c>GET /login2.srf</c>: Passport 1.4 login. The credentials arrive in the Authorization header;
/// the ticket leaves in <c>Authentication-Info</c> as <c>from-PP='t=…&amp;p=…'</c>.
/// </summary>
internal static class LoginEndpoint
{
    private const string BadCredentials = "The e-mail address or password is incorrect.";
    private const string NoCredentials = "Sign-in name and password are required.";

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<PassportOptions>();
        if (!PlainHttpPolicy.Admit(context, options))
        {
            return;
        }

        var urls = services.GetRequiredService<PassportUrls>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginEndpoint).FullName!);
        if (!PassportAuthorization.TryParse(context.Request.Headers.Authorization.ToString(), out var authorization))
        {
            logger.LogInformation("Passport login without usable Passport1.4 credentials from {Remote}", context.Connection.RemoteIpAddress);
            Refuse(context, urls, NoCredentials);
            return;
        }

        var throttle = services.GetService<SignInThrottle>();
        var remote = context.Connection.RemoteIpAddress;
        using var attempt = throttle?.TryBegin(authorization.SignIn, remote);
        if (throttle is not null && attempt is null)
        {
            // The same answer as a wrong password, so a guesser cannot tell a lock-out from a miss.
            logger.LogInformation("Passport login for {Account} from {Remote} refused: too many failures", LogText.Sanitize(authorization.SignIn), remote);
            ServerMetrics.RecordPassport("login", "locked");
            Refuse(context, urls, BadCredentials);
            return;
        }

        var checker = services.GetRequiredService<IPassportCredentialChecker>();
        var account = await checker.CheckAsync(authorization.SignIn, authorization.Password, context.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            ServerMetrics.RecordPassport("login", "failed");
            attempt?.Fail();
            logger.LogInformation("Passport login failed for {Account} from {Remote}", LogText.Sanitize(authorization.SignIn), remote);
            Refuse(context, urls, BadCredentials);
            return;
        }

        attempt?.Succeed();
        ServerMetrics.RecordPassport("login", "ok");

        var ticket = services.GetRequiredService<ITicketService>().Issue(account.Email, account.SecurityStamp.Span);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers["Authentication-Info"] =
            $"Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='{ticket.Value}',ru={authorization.ReturnUrl}";
        context.Response.ContentLength = 0;
    }

    private static void Refuse(HttpContext context, PassportUrls urls, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Passport1.4 da-status=failed,srealm=Passport.NET,ts=-3,prompt,cburl={urls.CoBrandingUrl},cbtxt={Uri.EscapeDataString(reason)}";
        context.Response.ContentLength = 0;
    }
}
