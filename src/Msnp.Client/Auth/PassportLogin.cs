using System.Net;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Client.Auth;

/// <summary>Passport 1.4: asks the nexus for the login address, then logs in there for a ticket (catalogue §5.3).</summary>
internal static class PassportLogin
{
    private const int MaxHttpRedirects = 5;

    public static async Task<string> GetTicketAsync(MsnpClientOptions options, string challenge, CancellationToken cancellationToken)
    {
        using var http = PassportHttp.Create(options);

        var nexus = PassportEndpoints.Nexus(options, challenge);
        using var nexusReply = await SendFollowingRedirectsAsync(http, nexus, null, cancellationToken).ConfigureAwait(false);
        if (!nexusReply.Headers.TryGetValues(PassportUrls.HeaderName, out var urlHeaders)
            || !PassportUrls.TryParse(urlHeaders.First(), out var urls)
            || urls.LoginUri is not { } login)
        {
            throw new MsnpAuthenticationException($"The nexus {nexus} sent no usable {PassportUrls.HeaderName} header (HTTP {(int)nexusReply.StatusCode}).");
        }

        var authorization = new PassportAuthorization(options.Account, options.Password, challenge).ToHeaderValue();
        using var reply = await SendFollowingRedirectsAsync(http, login, authorization, cancellationToken).ConfigureAwait(false);
        if (reply.StatusCode == HttpStatusCode.Unauthorized)
        {
            var reason = reply.Headers.TryGetValues(PassportLoginStatus.WwwAuthenticateHeader, out var failed)
                && PassportLoginStatus.TryParse(failed.First(), out var failure)
                ? failure.FailureText
                : null;
            // The reason is a sentence of its own (it may end with a period); one period ends the message.
            throw new MsnpAuthenticationException($"Passport refused the sign-in: {(reason ?? "no reason given").TrimEnd('.', ' ')}.");
        }

        if (reply.StatusCode != HttpStatusCode.OK
            || !reply.Headers.TryGetValues(PassportLoginStatus.AuthenticationInfoHeader, out var infos)
            || !PassportLoginStatus.TryParse(infos.First(), out var status)
            || status.Ticket is not { } ticket)
        {
            throw new MsnpAuthenticationException($"Passport login gave no ticket (HTTP {(int)reply.StatusCode}).");
        }

        return ticket;
    }

    // 302s are followed by hand: the Authorization header must go to the next login host too,
    // and a redirect away from HTTPS is refused so the password never leaves TLS.
    private static async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpClient http, Uri uri, string? authorization, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation(PassportAuthorization.HeaderName, authorization);
            }

            var reply = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)reply.StatusCode;
            if (status is < 300 or >= 400 || reply.Headers.Location is not { } location)
            {
                return reply;
            }

            reply.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (hop >= MaxHttpRedirects || (authorization is not null && next.Scheme != Uri.UriSchemeHttps))
            {
                throw new MsnpAuthenticationException($"Passport redirect to {next} refused.");
            }

            uri = next;
        }
    }
}
