using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Admin.Security;

/// <summary>
/// What an unauthenticated console request gets: 401 and no data. A browser asking for a page also
/// gets a short document pointing at the sign-in page (and moving there), so people are not stranded.
/// </summary>
internal static class SignInRequired
{
    public static async Task WriteAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            return;
        }

        var target = WebUtility.HtmlEncode(context.RedirectUri);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={target}\"><title>Sign in required</title></head>" +
            $"<body><p>Sign in required. <a href=\"{target}\">Sign in</a>.</p></body></html>").ConfigureAwait(false);
    }
}
