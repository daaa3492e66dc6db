using System.Net;
using System.Net.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// A password that passed the full PBKDF2 check is recognised by an HMAC for a bounded time
/// (docs/storage.md): over the real <c>login2.srf</c>, the store counts one hash for two sign-ins;
/// a wrong password, a changed password, an expired entry or a full table all take the full check.
/// </summary>
public sealed class RememberedPasswordsTests
{
    private static readonly byte[] Stamp = [1, 2, 3, 4];

    [Fact]
    public void A_remembered_password_matches_only_with_its_stamp_and_within_its_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new RememberedPasswords(new ServerLimits { RememberedPasswordLifetime = TimeSpan.FromMinutes(30) }, clock);
        Assert.False(cache.Matches("alice@example.com", Stamp, "pw"));

        cache.Remember("alice@example.com", Stamp, "pw");
        Assert.True(cache.Matches("alice@example.com", Stamp, "pw"));
        Assert.False(cache.Matches("alice@example.com", Stamp, "pw2"));
        Assert.False(cache.Matches("alice@example.com", [1, 2, 3, 5], "pw"));
        Assert.False(cache.Matches("bob@example.com", Stamp, "pw"));

        // The stamp's length is part of the MAC input: stamp ‖ password cannot be re-split.
        cache.Remember("carol@example.com", [1, 2], "ab");
        Assert.False(cache.Matches("carol@example.com", [1, 2, (byte)'a'], "b"));

        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.True(cache.Matches("alice@example.com", Stamp, "pw"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.Matches("alice@example.com", Stamp, "pw"));
    }

    [Fact]
    public void A_full_table_remembers_no_new_account_until_an_entry_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new RememberedPasswords(new ServerLimits { RememberedPasswordLifetime = TimeSpan.FromMinutes(10), RememberedPasswordCapacity = 2 }, clock);
        cache.Remember("a@example.com", Stamp, "pw");
        clock.Advance(TimeSpan.FromMinutes(5));
        cache.Remember("b@example.com", Stamp, "pw");
        cache.Remember("c@example.com", Stamp, "pw");
        Assert.False(cache.Matches("c@example.com", Stamp, "pw"));
        Assert.Equal(2, cache.Count);

        // An account already held is refreshed even when the table is full.
        cache.Remember("b@example.com", Stamp, "pw2");
        Assert.True(cache.Matches("b@example.com", Stamp, "pw2"));

        clock.Advance(TimeSpan.FromMinutes(5));
        cache.Remember("c@example.com", Stamp, "pw");
        Assert.True(cache.Matches("c@example.com", Stamp, "pw"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_zero_lifetime_remembers_nothing()
    {
        var cache = new RememberedPasswords(new ServerLimits { RememberedPasswordLifetime = TimeSpan.Zero }, TimeProvider.System);
        cache.Remember("alice@example.com", Stamp, "pw");
        Assert.False(cache.Matches("alice@example.com", Stamp, "pw"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_second_login2_sign_in_is_not_hashed_again_and_a_wrong_or_changed_password_is()
    {
        await using var scene = await Scene.StartAsync("alice");
        using var http = Https(scene.Server);
        var store = Stores.Accounts(scene.Server);
        var checks = store.PasswordChecks;

        Assert.Equal(HttpStatusCode.OK, await LoginAsync(http, scene.Server, "alice", Scene.Password));
        Assert.Equal(checks + 1, store.PasswordChecks);
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(http, scene.Server, "alice", Scene.Password));
        Assert.Equal(checks + 1, store.PasswordChecks);

        // A wrong password is checked in full, as without the cache.
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(http, scene.Server, "alice", "guess"));
        Assert.Equal(checks + 2, store.PasswordChecks);

        // A new password makes a new security stamp: the old one no longer matches anything.
        Assert.True(await scene.Server.Host.Services.GetRequiredService<IAccountStore>().SetPasswordAsync(Scene.Email("alice"), "new password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(http, scene.Server, "alice", Scene.Password));
        Assert.Equal(checks + 3, store.PasswordChecks);
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(http, scene.Server, "alice", "new password"));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(http, scene.Server, "alice", "new password"));
        Assert.Equal(checks + 4, store.PasswordChecks);
    }

    [Fact]
    public async Task With_a_zero_lifetime_every_sign_in_is_hashed()
    {
        await using var scene = await Scene.StartAsync(o => o.Limits.RememberedPasswordLifetime = TimeSpan.Zero, "alice");
        using var http = Https(scene.Server);
        var store = Stores.Accounts(scene.Server);
        var checks = store.PasswordChecks;

        Assert.Equal(HttpStatusCode.OK, await LoginAsync(http, scene.Server, "alice", Scene.Password));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(http, scene.Server, "alice", Scene.Password));
        Assert.Equal(checks + 2, store.PasswordChecks);
    }

    private static HttpClient Https(TestServer server)
    {
        var trust = PinnedCertificate.FromPemFile(Path.Combine(server.DataDirectory, CertificateProvider.PemFileName));
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        })
        { Timeout = TimeSpan.FromSeconds(120) };
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient http, TestServer server, string name, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/login2.srf");
        request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(Scene.Email(name), password));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
