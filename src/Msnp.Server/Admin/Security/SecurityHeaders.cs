using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Admin.Security;

/// <summary>Headers on every admin answer: same-origin scripts and styles only, no framing, no sniffing, no referrer.</summary>
internal static class SecurityHeaders
{
    public static Task Add(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }
}
