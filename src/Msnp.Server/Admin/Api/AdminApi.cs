using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Admin.Security;

namespace Msnp.Server.Admin.Api;

/// <summary>
/// The JSON API <c>msnp admin</c> talks to, under <c>/api</c>, authenticated with the local bearer
/// token only (never the console's cookie, so no cross-site form can reach it). docs/operators.md
/// lists the routes.
/// </summary>
internal static class AdminApi
{
    public const string Policy = "admin-api";

    public static void MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization(Policy);
        api.MapGet("/online", (OnlineSessions sessions) => Results.Ok(sessions.List()));
        api.MapGet("/status", (OnlineSessions sessions, SwitchboardCount switchboards, MaintenanceSchedule maintenance) =>
            Results.Ok(new StatusReply(sessions.Count, switchboards.Current, maintenance.ShutdownAt)));
        api.MapPost("/kick", (AccountRequest r, OperatorActions a, HttpContext c) => Reply(a.KickAsync(ActorOf(c), r.Email)));
        api.MapPost("/sign-out-all", (OperatorActions a, HttpContext c) => Reply(a.SignOutEveryoneAsync(ActorOf(c))));
        api.MapPost("/broadcast", (BroadcastRequest r, OperatorActions a, HttpContext c) => Reply(a.BroadcastAsync(ActorOf(c), r.Text)));
        api.MapPost("/maintenance", (MaintenanceRequest r, OperatorActions a, HttpContext c) => Reply(a.ScheduleMaintenanceAsync(ActorOf(c), r.Minutes)));
        api.MapDelete("/maintenance", (OperatorActions a, HttpContext c) => Reply(a.CancelMaintenanceAsync(ActorOf(c))));
        api.MapPost("/accounts/unlock", (AccountRequest r, OperatorActions a, HttpContext c) => Reply(a.UnlockAsync(ActorOf(c), r.Email)));
        api.MapPost("/accounts/disable", (AccountRequest r, OperatorActions a, HttpContext c) => Reply(a.SetDisabledAsync(ActorOf(c), r.Email, disable: true)));
        api.MapPost("/accounts/enable", (AccountRequest r, OperatorActions a, HttpContext c) => Reply(a.SetDisabledAsync(ActorOf(c), r.Email, disable: false)));
        api.MapPost("/admins", (AddAdminRequest r, OperatorActions a, HttpContext c) => Reply(a.AddAdminAsync(ActorOf(c), r.Name, r.Password)));
    }

    internal static Actor ActorOf(HttpContext context) =>
        new(context.User.FindFirstValue(ClaimTypes.Name) ?? TokenAuthenticationHandler.LocalActor, context.Connection.RemoteIpAddress?.ToString());

    private static async Task<IResult> Reply(Task<OperatorResult> action)
    {
        var result = await action.ConfigureAwait(false);
        return Results.Json(new ActionReply(result.Message), statusCode: result.Status);
    }
}
