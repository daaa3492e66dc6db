using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Passport;

/// <summary>Enforces <see cref="PassportOptions.AllowPlainHttpPassport"/> for every Passport endpoint.</summary>
internal static class PlainHttpPolicy
{
    /// <summary>
    /// Returns <see langword="true"/> when the request may be served; otherwise answers 403 so that a
    /// password sent in the clear is never checked, and returns <see langword="false"/>.
    /// </summary>
    public static bool Admit(HttpContext context, PassportOptions options)
    {
        if (context.Request.IsHttps || options.AllowPlainHttpPassport)
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentLength = 0;
        return false;
    }
}
