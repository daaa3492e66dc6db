using System.Net;
using System.Net.Security;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Attempts are reserved before their credentials are checked (docs/limits.md): guesses sent at
/// the same instant cannot all slip past the lock the first of them sets.
/// </summary>
public sealed class SignInRaceTests
{
    [Fact]
    public async Task Twelve_simultaneous_Passport_guesses_after_the_free_failures_are_checked_one_at_a_time()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            // The real work factor: each check takes long enough that all twelve overlap.
            o.Storage.PasswordIterations = 600_000;
            o.Limits.SignInFreeFailures = 2;
            o.Limits.SignInBackoffBase = TimeSpan.FromSeconds(10);
            o.Limits.SignInBackoffMax = TimeSpan.FromMinutes(10);
        });
        var trust = PinnedCertificate.FromPemFile(Path.Combine(world.Server.DataDirectory, CertificateProvider.PemFileName));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        })
        { Timeout = TimeSpan.FromSeconds(60) };
        var baseUrl = $"https://127.0.0.1:{world.Server.Host.Endpoints.HttpsPort}";

        async Task<HttpStatusCode> LoginAsync(string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/login2.srf");
            request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(Scene.Email("mallory"), password));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("guess1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync("guess2"));

        // Twelve TLS connections are set up first (nexus requests), so the guesses leave together.
        var warm = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await http.GetAsync(baseUrl + "/rdr/pprdr.asp");
            return response.StatusCode;
        }));
        Assert.All(warm, status => Assert.Equal(HttpStatusCode.OK, status));

        var checkedBefore = Stores.Accounts(world.Server).PasswordChecks;
        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => LoginAsync("race" + i)));
        Assert.All(guesses, status => Assert.NotEqual(HttpStatusCode.OK, status));
        Assert.Equal(1, Stores.Accounts(world.Server).PasswordChecks - checkedBefore);

        // One guess was checked and set the first lock step (10 s); had all twelve been checked,
        // the lock would be at its 10-minute cap.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await LoginAsync(Scene.Password) != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the account stayed locked as if every simultaneous guess had been checked");
            await Task.Delay(500);
        }

        await world.AssertStillRelayingAsync();
    }
}
