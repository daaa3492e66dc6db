using System.Security.Cryptography.X509Certificates;
using Msnp.Client.Tests.Support;

namespace Msnp.Client.Tests;

public sealed class PassportRedirectTests
{
    [Fact]
    public async Task A_302_from_the_login_host_is_followed_with_the_credentials_to_the_real_login()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(server.DataDirectory, "passport.pfx"), null);
        var realLogin = $"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/login2.srf";
        var sawCredentials = false;
        FakeHttpsServer? fake = null;
        using var redirector = fake = new FakeHttpsServer(certificate, (path, headers) =>
        {
            if (path.StartsWith("/rdr/pprdr.asp", StringComparison.Ordinal))
            {
                return $"HTTP/1.1 200 OK\r\nPassportURLs: DARealm=Passport.Net,DALogin=127.0.0.1:{fake!.Port}/login2.srf,ConfigVersion=1\r\nContent-Length: 0\r\n\r\n";
            }

            sawCredentials = headers.TryGetValue("Authorization", out var auth) && auth.Contains("sign-in=alice%40example.com", StringComparison.Ordinal);
            return $"HTTP/1.1 302 Found\r\nAuthentication-Info: Passport1.4 da-status=redir\r\nLocation: {realLogin}\r\nContent-Length: 0\r\n\r\n";
        });
        var options = Accounts.Options(server, "alice@example.com") with { NexusUrl = new Uri($"https://127.0.0.1:{redirector.Port}/rdr/pprdr.asp") };

        await using var client = new MsnpClient(options);
        await client.SignInAsync();

        Assert.True(client.IsSignedIn);
        Assert.True(sawCredentials);
        Assert.Equal(["/rdr/pprdr.asp", "/login2.srf"], redirector.Paths);
    }
}
