using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Msnp.Server.Admin.Operations;

namespace Msnp.Server.Admin.Api;

/// <summary><c>GET /live</c>: what the overview and sessions pages redraw every few seconds (console cookie only).</summary>
internal static class LiveEndpoint
{
    public const string Policy = "console";

    public static void MapLive(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/live", (OnlineSessions sessions, SwitchboardCount switchboards, MetricsHistory history, MaintenanceSchedule maintenance, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new LiveReply(
                sessions.List(),
                switchboards.Current,
                history.SignIns,
                history.Messages,
                history.IntervalSeconds,
                history.Rates(),
                history.ErrorsByCode.Select(kv => new ErrorCount(kv.Key, kv.Value)).ToList(),
                maintenance.ShutdownAt));
        }).RequireAuthorization(Policy);

    private sealed record LiveReply(
        IReadOnlyList<OnlineSession> Online,
        int Switchboards,
        long SignIns,
        long Messages,
        double IntervalSeconds,
        IReadOnlyList<RatePoint> Rates,
        IReadOnlyList<ErrorCount> Errors,
        DateTimeOffset? MaintenanceAt);

    private sealed record ErrorCount(string Code, long Count);
}
