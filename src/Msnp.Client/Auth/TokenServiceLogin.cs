using System.Net;
using System.Net.Http.Headers;

namespace Msnp.Client.Auth;

/// <summary>
/// The SOAP <c>RST.srf</c> flow: one <c>POST</c> with the credentials and a token request for
/// <c>messenger.msn.com</c> whose policy is the notification server's challenge; the compact
/// token in the reply is the ticket for <c>USR TWN S</c>.
/// </summary>
internal static class TokenServiceLogin
{
    public static async Task<string> GetTicketAsync(MsnpClientOptions options, string challenge, CancellationToken cancellationToken)
    {
        using var http = PassportHttp.Create(options);
        var url = PassportEndpoints.TokenService(options, challenge);
        if (url.Scheme != Uri.UriSchemeHttps && !options.AcceptUntrustedCertificates)
        {
            // The password travels in the body; plain HTTP is only for tests that opted out of TLS checks.
            throw new MsnpAuthenticationException($"The token service {url} is not HTTPS.");
        }

        using var content = new ByteArrayContent(RstEnvelope.Build(options.Account, options.Password, challenge));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var reply = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        var body = await reply.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        var result = RstReply.Read(body);
        if (result.FaultCode is { } fault)
        {
            throw new MsnpAuthenticationException(fault.EndsWith("FailedAuthentication", StringComparison.Ordinal)
                ? $"Passport refused the sign-in: {(result.FaultText ?? fault).TrimEnd('.', ' ')}."
                : $"The token service answered with the fault {fault}: {result.FaultText?.TrimEnd('.', ' ')}.");
        }

        if (reply.StatusCode != HttpStatusCode.OK || result.Ticket is not { } ticket)
        {
            throw new MsnpAuthenticationException($"The token service gave no messenger ticket (HTTP {(int)reply.StatusCode}, {body.Length} bytes).");
        }

        return ticket;
    }
}
