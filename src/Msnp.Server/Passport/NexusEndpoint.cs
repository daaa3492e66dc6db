using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Msnp.Server.Passport;

/// <summary>
/// <c>GET /rdr/pprdr.asp</c>: the nexus, telling Passport 1.4 clients where to log in through the
/// case-sensitive <c>PassportURLs</c> header.
/// </summary>
internal static class NexusEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<PassportOptions>();
        if (!PlainHttpPolicy.Admit(context, options))
        {
            return Task.CompletedTask;
        }

        var urls = context.RequestServices.GetRequiredService<PassportUrls>();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers["PassportURLs"] = urls.NexusHeader;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
