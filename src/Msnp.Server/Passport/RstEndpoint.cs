using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Msnp.Server.Diagnostics;

namespace Msnp.Server.Passport;

/// <summary>
/// <c>POST /RST.srf</c> and <c>POST /RST2.srf</c>: the WS-Trust token service later clients use
/// instead of <c>login2.srf</c>. Credentials come in the SOAP header; each requested token gets its
/// own ticket, numbered by its position in the request. The password check is the one
/// <c>login2.srf</c> runs (<see cref="PassportPasswordCheck"/>: request rate, back-off, hashing slots).
/// </summary>
internal static class RstEndpoint
{
    public static Task HandleRstAsync(HttpContext context) => HandleAsync(context, RstFlavor.Rst);

    public static Task HandleRst2Async(HttpContext context) => HandleAsync(context, RstFlavor.Rst2);

    private static async Task HandleAsync(HttpContext context, RstFlavor flavor)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<PassportOptions>();
        if (!PlainHttpPolicy.Admit(context, options))
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RstEndpoint).FullName!);
        var body = await BoundedBody.ReadAsync(context.Request, options.MaxSoapRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await ReplyAsync(context, StatusCodes.Status413PayloadTooLarge, RstResponseWriter.Fault(flavor, RstFault.InvalidRequest, "Request too large", now)).ConfigureAwait(false);
            return;
        }

        if (!RstRequestReader.TryRead(body, out var request))
        {
            logger.LogInformation("Unreadable {Endpoint} request from {Remote}", flavor.Endpoint, context.Connection.RemoteIpAddress);
            await ReplyAsync(context, StatusCodes.Status400BadRequest, RstResponseWriter.Fault(flavor, RstFault.InvalidRequest, "Invalid Request", now)).ConfigureAwait(false);
            return;
        }

        var remote = context.Connection.RemoteIpAddress;
        var (result, account) = await PassportPasswordCheck.RunAsync(context, flavor.Endpoint, request.Username, request.Password).ConfigureAwait(false);
        if (result == PassportCheckResult.Busy)
        {
            logger.LogInformation("{Endpoint} login for {Account} from {Remote} answered busy", flavor.Endpoint, LogText.Sanitize(request.Username), remote);
            context.Response.Headers.RetryAfter = PassportPasswordCheck.RetryAfterSeconds;
            await ReplyAsync(context, StatusCodes.Status500InternalServerError, RstResponseWriter.Fault(flavor, RstFault.RequestFailed, "The server is busy; try again in a few seconds.", now)).ConfigureAwait(false);
            return;
        }

        if (result != PassportCheckResult.Ok)
        {
            bool locked = result == PassportCheckResult.Locked;
            logger.LogInformation("{Endpoint} login failed for {Account} from {Remote}{Locked}", flavor.Endpoint, LogText.Sanitize(request.Username), remote, locked ? " (too many failures)" : string.Empty);

            // SOAP 1.1 over HTTP sends every fault as 500; RST2.srf answers the same way, so both
            // addresses behave alike (the clients read the fault from the body whatever the status).
            await ReplyAsync(context, StatusCodes.Status500InternalServerError, RstResponseWriter.Fault(flavor, RstFault.FailedAuthentication, "Authentication Failure", now)).ConfigureAwait(false);
            return;
        }

        var tickets = services.GetRequiredService<ITicketService>();
        var issued = request.Tokens.Select(token => tickets.Issue(account!.Email, account.SecurityStamp.Span, TicketScopes.ForAddress(token.Address))).ToList();
        await ReplyAsync(context, StatusCodes.Status200OK, RstResponseWriter.Success(flavor, request, issued, now)).ConfigureAwait(false);
    }

    private static Task ReplyAsync(HttpContext context, int status, byte[] envelope)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = envelope.Length;
        return context.Response.Body.WriteAsync(envelope, context.RequestAborted).AsTask();
    }
}
