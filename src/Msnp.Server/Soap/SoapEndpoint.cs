using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Msnp.Server.Diagnostics;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Soap;

/// <summary>
/// Serves one <see cref="SoapService"/>: bounded body, hardened read, dispatch on the
/// <c>SOAPAction</c> header (the body's element when the header is missing), ticket check, then the
/// action; the request rate per address before the body is read and per account after the ticket. Every refusal is a SOAP fault (docs/soap.md lists them).
/// </summary>
internal static class SoapEndpoint
{
    public static async Task HandleAsync(HttpContext context, SoapService service)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SoapEndpoint).FullName!);
        var remote = context.Connection.RemoteIpAddress;
        var rate = services.GetService<SoapRequestRate>();
        if (rate is not null && !rate.TryAddress(remote))
        {
            logger.LogInformation("SOAP request to {Path} from {Remote} over the address's rate", service.Path, remote);
            await FaultAsync(context, service, null, service.ThrottleFault()).ConfigureAwait(false);
            return;
        }

        var body = await BoundedBody.ReadAsync(context.Request, service.Limits.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await FaultAsync(context, service, null, SoapFault.TooLarge()).ConfigureAwait(false);
            return;
        }

        var envelope = SoapEnvelopeReader.TryRead(body, service.Limits);
        if (envelope is null)
        {
            logger.LogInformation("Unreadable SOAP request to {Path} from {Remote}", service.Path, context.Connection.RemoteIpAddress);
            await FaultAsync(context, service, null, SoapFault.Unreadable()).ConfigureAwait(false);
            return;
        }

        var name = ActionName(context.Request) ?? envelope.ActionName;
        if (!service.Actions.TryGetValue(name, out var action))
        {
            logger.LogInformation("Unknown SOAP action {Action} at {Path}", LogText.Sanitize(name), service.Path);
            await FaultAsync(context, service, null, SoapFault.UnknownAction(name)).ConfigureAwait(false);
            return;
        }

        var authenticator = services.GetRequiredService<SoapAuthenticator>();
        var (verified, refusal) = await authenticator.AuthenticateAccountAsync(service.FindTicket(envelope, context.Request), context.RequestAborted).ConfigureAwait(false);
        var account = verified?.Email;
        if (refusal is not null)
        {
            logger.LogInformation("SOAP {Action} from {Remote} refused: {Fault}", action.Name, context.Connection.RemoteIpAddress, refusal.ErrorCode);
            await FaultAsync(context, service, action.Name, service.RefusalFault?.Invoke(refusal) ?? refusal).ConfigureAwait(false);
            return;
        }

        if (rate is not null && !rate.TryAccount(account!, remote))
        {
            logger.LogInformation("SOAP {Action} for {Account} over the account's rate", action.Name, LogText.Sanitize(account!));
            await FaultAsync(context, service, action.Name, service.ThrottleFault()).ConfigureAwait(false);
            return;
        }

        var call = new SoapCall(account!, envelope, context) { Verified = verified };
        SoapResult result;
        try
        {
            result = await action.HandleAsync(call).ConfigureAwait(false);
        }
        catch (StorageFaultException ex)
        {
            logger.LogWarning(ex, "SOAP {Action} for {Account} failed in the store", action.Name, LogText.Sanitize(account!));
            result = SoapFault.ServerError();
        }
        catch (AccountRemovedException)
        {
            result = SoapFault.AuthenticationFailed();
        }

        if (result.Fault is not null)
        {
            await FaultAsync(context, service, action.Name, result.Fault).ConfigureAwait(false);
            return;
        }

        var header = service.ResponseHeader is { } writeHeader ? (Action<System.Xml.XmlWriter>)(w => writeHeader(w, call)) : null;
        await ReplyAsync(context, StatusCodes.Status200OK, SoapWriter.Envelope(header, result.Body!)).ConfigureAwait(false);
    }

    // SOAPAction: "http://www.msn.com/webservices/AddressBook/ABFindAll" → ABFindAll (quotes optional).
    private static string? ActionName(HttpRequest request)
    {
        var value = request.Headers["SOAPAction"].ToString().Trim().Trim('"').Trim();
        if (value.Length == 0)
        {
            return null;
        }

        var slash = value.LastIndexOf('/');
        var name = slash >= 0 ? value[(slash + 1)..] : value;
        return name.Length == 0 ? null : name.Length > 128 ? name[..128] : name;
    }

    private static Task FaultAsync(HttpContext context, SoapService service, string? action, SoapFault fault) =>
        ReplyAsync(context, fault.Status, SoapWriter.Fault(fault, service.ActionNamespace, action, service.DetailNamespace ?? service.ActionNamespace));

    private static Task ReplyAsync(HttpContext context, int status, byte[] envelope)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = envelope.Length;
        return context.Response.Body.WriteAsync(envelope, context.RequestAborted).AsTask();
    }
}
