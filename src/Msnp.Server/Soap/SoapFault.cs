using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Soap;

/// <summary>
/// A SOAP 1.1 fault as the Messenger services sent it: <c>faultcode</c>, <c>faultstring</c>, an
/// optional <c>faultactor</c> (the service namespace and the action) and a <c>detail</c> whose
/// <c>errorcode</c> clients switch on (BitlBee re-authenticates on <c>PassportAuthFail</c>, Pidgin on
/// the fault code <c>q0:BadContextToken</c>, both re-sync on <c>ABDoesNotExist</c>/<c>FullSyncRequired</c>).
/// </summary>
/// <param name="Code">The fault code with its prefix (<c>soap:Client</c>, <c>soap:Server</c>, <c>q0:BadContextToken</c>).</param>
/// <param name="Message">The <c>faultstring</c>, also repeated as <c>errorstring</c>.</param>
public sealed record SoapFault(string Code, string Message)
{
    /// <summary>The <c>detail/errorcode</c>, or null for a fault with an empty <c>detail</c> (as ASP.NET's own faults had).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Whether to write a <c>faultactor</c> (the service namespace, a slash and the action).</summary>
    public bool WithActor { get; init; } = true;

    /// <summary>The <c>detail/parameterFault</c> naming the bad argument, if any.</summary>
    public string? ParameterFault { get; init; }

    /// <summary>The <c>additionalDetails/conflictObjectId</c> (the existing contact or group), if any.</summary>
    public string? ConflictObjectId { get; init; }

    /// <summary>The namespace behind the <c>q0:</c> prefix of <see cref="Code"/>; <see cref="SoapNamespaces.WsSecurityFaults"/> when null.</summary>
    public string? CodeNamespace { get; init; }

    /// <summary>
    /// Writes the content of <c>detail</c> in place of the <c>errorcode</c> block, for services whose
    /// faults carry other elements (the OIM service's <c>LockKeyChallenge</c>).
    /// </summary>
    public Action<System.Xml.XmlWriter>? Detail { get; init; }

    /// <summary>The HTTP status; SOAP 1.1 over HTTP sends every fault with 500.</summary>
    public int Status { get; init; } = StatusCodes.Status500InternalServerError;

    /// <summary>The fault ASP.NET web services gave for a <c>SOAPAction</c> they do not serve.</summary>
    public static SoapFault UnknownAction(string action) =>
        new("soap:Client", $"Server did not recognize the value of HTTP Header SOAPAction: {action}.") { WithActor = false };

    /// <summary>An envelope that is not well-formed XML, holds a DTD, is too deep or too wide, or has no action.</summary>
    public static SoapFault Unreadable() =>
        new("soap:Client", "Server was unable to read request.") { WithActor = false, ErrorCode = "BadArgument" };

    /// <summary>A body over <see cref="SoapLimits.MaxRequestBytes"/>, refused before it is read.</summary>
    public static SoapFault TooLarge() =>
        new("soap:Client", "Request too large.") { WithActor = false, ErrorCode = "BadArgumentLength", Status = StatusCodes.Status413PayloadTooLarge };

    /// <summary>No ticket, or one that is malformed, forged, for a removed or disabled account or signed before a password change.</summary>
    public static SoapFault AuthenticationFailed() =>
        new("soap:Client", "Passport authentication failed.") { ErrorCode = "PassportAuthFail" };

    /// <summary>
    /// A genuine ticket past its lifetime: Pidgin renews its token and retries on this fault code,
    /// BitlBee on the error code, so it carries both.
    /// </summary>
    public static SoapFault TicketExpired() =>
        new("q0:BadContextToken", "Passport ticket expired.") { ErrorCode = "PassportAuthFail" };

    /// <summary>
    /// A request over its address's or account's rate. A server fault: neither Pidgin nor BitlBee
    /// signs in again or re-syncs on it (they do on <c>PassportAuthFail</c>, <c>BadContextToken</c>,
    /// <c>FullSyncRequired</c>); the request may be repeated later.
    /// </summary>
    public static SoapFault Throttled() =>
        new("soap:Server", "Too many requests; try again later.") { ErrorCode = "RequestThrottled" };

    /// <summary>The server failed (the store); the client may retry.</summary>
    public static SoapFault ServerError() =>
        new("soap:Server", "The server failed; try again later.") { ErrorCode = "InternalServerError" };
}
