using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Passport;

/// <summary>
/// Pidgin's msn plugin asks for <c>//RST.srf</c> and <c>//abservice/…</c> (its host string ends in
/// a slash and its paths start with one). Routing matches segment by segment and would not find
/// them, so this collapses a run of leading slashes into one before anything routes. Registered as
/// a startup filter, so it runs ahead of the routing the web host adds on its own.
/// </summary>
internal sealed class LeadingSlashRepair : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, nextMiddleware) =>
        {
            Repair(context.Request);
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>Turns <c>//x</c>, <c>///x</c> … into <c>/x</c>; other paths are left alone.</summary>
    internal static void Repair(HttpRequest request)
    {
        var path = request.Path.Value;
        if (path is ['/', '/', ..])
        {
            request.Path = new PathString("/" + path.TrimStart('/'));
        }
    }
}
