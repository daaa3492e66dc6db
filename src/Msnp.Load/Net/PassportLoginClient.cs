using System.Net;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Load.Net;

/// <summary>
/// The Passport 1.4 password login an MSNP8 client performs (<c>GET /login2.srf</c> with the
/// credentials in the Authorization header), over one kept-alive HTTPS connection as WinInet
/// would (<see cref="LoopbackHttps"/>).
/// </summary>
public sealed class PassportLoginClient : IDisposable
{
    // What the official MSNP8 client sent after its credentials, the challenge in its place.
    private const string ClientFields = "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=0";

    private readonly HttpClient _http;
    private readonly Uri _login;

    /// <summary>Creates a client for <paramref name="login"/>.</summary>
    public PassportLoginClient(Uri login)
    {
        _http = LoopbackHttps.Create(login, nameof(login));
        _login = login;
    }

    /// <summary>Signs in; returns the ticket (<c>t=…&amp;p=…</c>), or null when the server refused the credentials.</summary>
    public async Task<string?> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _login);
        request.Headers.TryAddWithoutValidation(
            PassportAuthorization.HeaderName,
            new PassportAuthorization(email, password, ClientFields).ToHeaderValue());
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues(PassportLoginStatus.AuthenticationInfoHeader, out var values) ? ParseTicket(string.Join(",", values)) : null;
    }

    /// <summary>The ticket inside <c>from-PP='…'</c> of a successful Authentication-Info header, or null.</summary>
    public static string? ParseTicket(string authenticationInfo)
    {
        ArgumentNullException.ThrowIfNull(authenticationInfo);
        return PassportLoginStatus.TryParse(authenticationInfo, out var status)
            && status.Status == PassportDaStatus.Success
            && status.Ticket is { Length: > 0 } ticket
            ? ticket
            : null;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
