using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Msnp.Server.Admin.Security;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// MD5 login does the same work for an unknown account as for a known one with a wrong password
/// (the secret lookup and one decryption), so its timing does not reveal which accounts exist.
/// Work is counted, not timed.
/// </summary>
public sealed class Md5TimingTests
{
    [Fact]
    public async Task An_unknown_account_costs_the_same_secret_lookup_and_decryption_as_a_wrong_password()
    {
        await using var world = await Bystanders.StartAsync();
        var server = world.Server;
        var store = Stores.Accounts(server);

        var before = store.LegacySecretDecryptions;
        Assert.Equal("911 4", await Md5.AttemptAsync(server, Scene.Email("carol"), "wrong"));
        var known = store.LegacySecretDecryptions - before;

        before = store.LegacySecretDecryptions;
        Assert.Equal("911 4", await Md5.AttemptAsync(server, "nobody-at-all@example.com", "wrong"));
        var unknown = store.LegacySecretDecryptions - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_disabled_account_costs_the_same_decryption_as_a_wrong_password()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Admin.Enabled = true;
            o.Admin.Port = 0;
        });
        var server = world.Server;
        var store = Stores.Accounts(server);

        // Disabled the way an operator does it: through the admin API with the local token.
        var admin = LocalAdminToken.Read(server.DataDirectory)!;
        using (var http = new HttpClient { BaseAddress = new Uri(admin.Url) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
            using var disabled = await http.PostAsJsonAsync("/api/accounts/disable", new { email = Scene.Email("carol") });
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        var before = store.LegacySecretDecryptions;
        Assert.Equal("911 4", await Md5.AttemptAsync(server, Scene.Email("mallory"), "wrong"));
        var wrongPassword = store.LegacySecretDecryptions - before;

        // The right password of a disabled account: refused, after the same work.
        before = store.LegacySecretDecryptions;
        Assert.Equal("911 4", await Md5.AttemptAsync(server, Scene.Email("carol"), Scene.Password));
        var disabledAccount = store.LegacySecretDecryptions - before;

        Assert.Equal(1, wrongPassword);
        Assert.Equal(wrongPassword, disabledAccount);
        await world.AssertStillRelayingAsync();
    }
}
