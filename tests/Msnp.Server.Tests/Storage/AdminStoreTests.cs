using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Admin.Storage;

namespace Msnp.Server.Tests.Storage;

/// <summary>The operators' tables on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class AdminStoreTests(StoreBackend backend)
{
    public sealed class OnSqlite() : AdminStoreTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : AdminStoreTests(StoreBackend.Postgres);

    [Fact]
    public async Task Administrators_are_matched_without_case_and_the_last_one_stays()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        var admins = await AdminStore.OpenAsync(temp.Store, 100_000, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000)));

        Assert.True(await admins.AddAdminAsync("Root", "root password"));
        Assert.False(await admins.AddAdminAsync("root", "other password"));
        Assert.Equal("Root", await admins.VerifyAdminAsync("ROOT", "root password"));
        Assert.Null(await admins.VerifyAdminAsync("root", "wrong password"));
        Assert.True(await admins.SetAdminPasswordAsync("root", "new root password"));
        Assert.Equal("Root", await admins.VerifyAdminAsync("root", "new root password"));
        Assert.Equal(RemoveAdminResult.LastAdministrator, await admins.RemoveAdminAsync("root"));
        Assert.Equal(RemoveAdminResult.NotFound, await admins.RemoveAdminAsync("nobody"));

        Assert.True(await admins.AddAdminAsync("alice", "alice password"));
        Assert.Equal(["alice", "Root"], (await admins.ListAdminsAsync()).Select(a => a.Name));
        Assert.Equal(RemoveAdminResult.Removed, await admins.RemoveAdminAsync("ROOT"));
        Assert.Equal(["alice"], (await admins.ListAdminsAsync()).Select(a => a.Name));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_000_000), (await admins.ListAdminsAsync())[0].CreatedAt);
    }

    [Fact]
    public async Task Disabled_accounts_and_the_audit_log_survive_reopening()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(5_000_000));
        var admins = await AdminStore.OpenAsync(temp.Store, 100_000, time);

        Assert.True(await admins.SetDisabledAsync("bob@example.com", disabled: true, "root"));
        Assert.False(await admins.SetDisabledAsync("bob@example.com", disabled: true, "root"));
        Assert.True(await admins.SetDisabledAsync("carol@example.com", disabled: true, "root"));
        Assert.True(await admins.SetDisabledAsync("carol@example.com", disabled: false, "root"));
        await admins.AuditAsync("root", "disable", "bob@example.com", null, "127.0.0.1");
        time.Advance(TimeSpan.FromSeconds(1));
        await admins.AuditAsync("root", "enable", "carol@example.com", "twice", null);

        var reopened = await AdminStore.OpenAsync(await temp.OpenAnotherAsync(), 100_000, time);
        Assert.Equal(["bob@example.com"], await reopened.ListDisabledAsync());
        var audit = await reopened.ListAuditAsync(10);
        Assert.Equal(["enable", "disable"], audit.Select(a => a.Action));
        Assert.Equal("twice", audit[0].Detail);
        Assert.Null(audit[1].Detail);
        Assert.Equal("127.0.0.1", audit[1].Remote);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(5_001_000), audit[0].At);
        Assert.Single(await reopened.ListAuditAsync(1));
        await reopened.PingAsync(CancellationToken.None);
    }
}
