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
}
