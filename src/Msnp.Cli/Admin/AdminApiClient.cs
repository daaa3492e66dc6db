using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Msnp.Server.Admin.Security;
using Msnp.Server.Passport;

namespace Msnp.Cli.Admin;

/// <summary>
/// Talks to a running server's admin API with the URL and token that server wrote into
/// <c>DATA/admin-api.json</c>. Over TLS the server must present the certificate in the same data
/// directory (<c>passport.crt</c>); nothing else is trusted.
/// </summary>
internal sealed class AdminApiClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminApiClient(HttpClient http, Uri baseUrl)
    {
        _http = http;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Reads <c>admin-api.json</c>; null (with the reason) when it is missing.</summary>
    public static AdminApiClient? Open(string dataDirectory, out string? problem)
    {
        var endpoint = LocalAdminToken.Read(dataDirectory);
        if (endpoint is null || !Uri.TryCreate(endpoint.Url + "/", UriKind.Absolute, out var url))
        {
            problem = $"no {LocalAdminToken.FileName} in {Path.GetFullPath(dataDirectory)}: the server is not running there with its admin listener " +
                "(start `msnp serve` with the same --data, without --no-admin)";
            return null;
        }

        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            var pem = Path.Combine(Path.GetFullPath(dataDirectory), CertificateProvider.PemFileName);
            using var trusted = File.Exists(pem) ? X509Certificate2.CreateFromPem(File.ReadAllText(pem)) : null;
            var thumbprint = trusted?.Thumbprint;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                thumbprint is not null && certificate is X509Certificate2 c && c.Thumbprint == thumbprint;
        }

        var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        problem = null;
        return new AdminApiClient(http, url);
    }

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken ct) => _http.GetAsync(path, ct);

    public Task<HttpResponseMessage> PostAsync<T>(string path, T body, CancellationToken ct) => _http.PostAsJsonAsync(path, body, JsonSerializerOptions.Web, ct);

    public Task<HttpResponseMessage> DeleteAsync(string path, CancellationToken ct) => _http.DeleteAsync(path, ct);

    /// <summary>The <c>message</c> of an action reply, or the status when there is none.</summary>
    public static async Task<string> MessageOf(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
        }

        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    /// <summary>True for the failures that mean nothing is listening.</summary>
    public static bool IsNotRunning(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or HttpRequestException { InnerException: System.Net.Sockets.SocketException } or TaskCanceledException;

    public static bool IsUnauthorized(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Unauthorized;

    public void Dispose() => _http.Dispose();
}
