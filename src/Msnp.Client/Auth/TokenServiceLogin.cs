using System.Net;
using System.Net.Http.Headers;

namespace Msnp.Client.Auth;

/// <summary>
/// The SOAP <c>RST.srf</c> flow. MSNP8–12 (<see cref="GetTicketAsync"/>): one <c>POST</c> with the
/// credentials and a token request for <c>messenger.msn.com</c> whose policy is the notification
/// server's challenge; the compact token in the reply is the ticket for <c>USR TWN S</c>. MSNP15+
/// (<see cref="SsoLogin"/>) posts its own list of domains through <see cref="RequestAsync"/>.
/// </summary>
internal static class TokenServiceLogin
{
    public static async Task<string> GetTicketAsync(MsnpClientOptions options, string challenge, CancellationToken cancellationToken)
    {
        var (reply, status, length) = await RequestAsync(options, PassportEndpoints.TokenService(options, challenge), RstEnvelope.Build(options.Account, options.Password, challenge), cancellationToken).ConfigureAwait(false);
        return reply.Ticket ?? throw new MsnpAuthenticationException($"The token service gave no messenger ticket (HTTP {status}, {length} bytes).");
    }

    /// <summary>Posts <paramref name="envelope"/> to <paramref name="url"/> (HTTPS only); a fault becomes an <see cref="MsnpAuthenticationException"/>.</summary>
    public static async Task<(RstReply Reply, int Status, int Length)> RequestAsync(MsnpClientOptions options, Uri url, byte[] envelope, CancellationToken cancellationToken)
    {
        using var http = PassportHttp.Create(options);
        if (url.Scheme != Uri.UriSchemeHttps && !options.AcceptUntrustedCertificates)
        {
            // The password travels in the body; plain HTTP is only for tests that opted out of TLS checks.
            throw new MsnpAuthenticationException($"The token service {url} is not HTTPS.");
        }

        using var content = new ByteArrayContent(envelope);
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

        if (reply.StatusCode != HttpStatusCode.OK || result.Tokens.Count == 0)
        {
            throw new MsnpAuthenticationException($"The token service gave no tickets (HTTP {(int)reply.StatusCode}, {body.Length} bytes).");
        }

        return (result, (int)reply.StatusCode, body.Length);
    }
}
