using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Msnp.Server.Diagnostics;

namespace Msnp.Server.Passport;

/// <summary>
/// <c>POST /RST.srf</c>: the WS-Trust token service later clients use instead of <c>login2.srf</c>.
/// Credentials come in the SOAP header; each requested token gets its own ticket.
/// </summary>
internal static class RstEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<PassportOptions>();
        if (!PlainHttpPolicy.Admit(context, options))
        {
            return;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RstEndpoint).FullName!);
        var body = await BoundedBody.ReadAsync(context.Request, options.MaxSoapRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await ReplyAsync(context, StatusCodes.Status413PayloadTooLarge, RstResponseWriter.Fault(RstResponseWriter.InvalidRequest, "Request too large")).ConfigureAwait(false);
            return;
        }

        if (!RstRequestReader.TryRead(body, out var request))
        {
            logger.LogInformation("Unreadable RST request from {Remote}", context.Connection.RemoteIpAddress);
            await ReplyAsync(context, StatusCodes.Status400BadRequest, RstResponseWriter.Fault(RstResponseWriter.InvalidRequest, "Invalid Request")).ConfigureAwait(false);
            return;
        }

        var remote = context.Connection.RemoteIpAddress;
        var (result, account) = await PassportPasswordCheck.RunAsync(context, "rst", request.Username, request.Password).ConfigureAwait(false);
        if (result == PassportCheckResult.Busy)
        {
            logger.LogInformation("RST login for {Account} from {Remote} answered busy", LogText.Sanitize(request.Username), remote);
            context.Response.Headers.RetryAfter = PassportPasswordCheck.RetryAfterSeconds;
            await ReplyAsync(context, StatusCodes.Status500InternalServerError, RstResponseWriter.Fault(RstResponseWriter.RequestFailed, "The server is busy; try again in a few seconds.")).ConfigureAwait(false);
            return;
        }

        if (result != PassportCheckResult.Ok)
        {
            bool locked = result == PassportCheckResult.Locked;
            logger.LogInformation("RST login failed for {Account} from {Remote}{Locked}", LogText.Sanitize(request.Username), remote, locked ? " (too many failures)" : string.Empty);

            // SOAP 1.1 over HTTP reports every fault with status 500.
            await ReplyAsync(context, StatusCodes.Status500InternalServerError, RstResponseWriter.Fault(RstResponseWriter.FailedAuthentication, "Authentication Failure")).ConfigureAwait(false);
            return;
        }

        var tickets = services.GetRequiredService<ITicketService>();
        var issued = request.Tokens.Select(_ => tickets.Issue(account!.Email, account.SecurityStamp.Span)).ToList();
        await ReplyAsync(context, StatusCodes.Status200OK, RstResponseWriter.Success(request, issued)).ConfigureAwait(false);
    }

    private static Task ReplyAsync(HttpContext context, int status, byte[] envelope)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = envelope.Length;
        return context.Response.Body.WriteAsync(envelope, context.RequestAborted).AsTask();
    }
}
