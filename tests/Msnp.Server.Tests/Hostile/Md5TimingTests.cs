using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Admin.Security;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
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
        // Under the operators' guard (which only adds the disabled-account check) is the SQLite store.
        var registered = server.Host.Services.GetRequiredService<IAccountStore>();
        var store = (SqliteAccountStore)(registered is GuardedAccountStore guarded ? guarded.Inner : registered);

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
