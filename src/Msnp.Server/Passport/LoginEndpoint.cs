using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Msnp.Server.Diagnostics;

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

        var remote = context.Connection.RemoteIpAddress;
        var (result, account) = await PassportPasswordCheck.RunAsync(context, "login", authorization.SignIn, authorization.Password).ConfigureAwait(false);
        switch (result)
        {
            case PassportCheckResult.Busy:
                // msn-pecan reports "HTTP/1.1 503 Service Unavailable" as the service being
                // unavailable (not as a wrong password); nothing was checked or counted.
                logger.LogInformation("Passport login for {Account} from {Remote} answered busy", LogText.Sanitize(authorization.SignIn), remote);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = PassportPasswordCheck.RetryAfterSeconds;
                context.Response.ContentLength = 0;
                return;
            case PassportCheckResult.Locked:
                // The same answer as a wrong password, so a guesser cannot tell a lock-out from a miss.
                logger.LogInformation("Passport login for {Account} from {Remote} refused: too many failures", LogText.Sanitize(authorization.SignIn), remote);
                Refuse(context, urls, BadCredentials);
                return;
            case PassportCheckResult.Failed:
                logger.LogInformation("Passport login failed for {Account} from {Remote}", LogText.Sanitize(authorization.SignIn), remote);
                Refuse(context, urls, BadCredentials);
                return;
        }

        var ticket = services.GetRequiredService<ITicketService>().Issue(account!.Email, account.SecurityStamp.Span);
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
