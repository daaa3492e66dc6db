using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Soap;

/// <summary>One authenticated request as an action sees it.</summary>
/// <param name="Account">The caller, as its verified ticket names it (lower-case).</param>
/// <param name="Envelope">The request envelope.</param>
/// <param name="Http">The HTTP request (host, services, cancellation).</param>
public sealed record SoapCall(string Account, SoapEnvelope Envelope, HttpContext Http)
{
    /// <summary>The request's services.</summary>
    public IServiceProvider Services => Http.RequestServices;

    /// <summary>
    /// The caller's account record as read to check the ticket in this request, or null; actions
    /// that need the record use it instead of reading it again.
    /// </summary>
    public Storage.Account? Verified { get; init; }

    /// <summary>Cancelled when the client goes away.</summary>
    public CancellationToken Cancellation => Http.RequestAborted;
}
