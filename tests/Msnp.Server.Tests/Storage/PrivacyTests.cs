using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class PrivacyTests(StoreBackend backend)
{
    public sealed class OnSqlite() : PrivacyTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : PrivacyTests(StoreBackend.Postgres);

    [Theory]
    [InlineData(DefaultPrivacy.Allow, ListKind.None, true)]
    [InlineData(DefaultPrivacy.Block, ListKind.None, false)]
    [InlineData(DefaultPrivacy.Allow, ListKind.Allow, true)]
    [InlineData(DefaultPrivacy.Block, ListKind.Allow, true)]
    [InlineData(DefaultPrivacy.Allow, ListKind.Block, false)]
    [InlineData(DefaultPrivacy.Block, ListKind.Block, false)]
    [InlineData(DefaultPrivacy.Block, ListKind.Forward | ListKind.Reverse, false)]
    [InlineData(DefaultPrivacy.Allow, ListKind.Forward | ListKind.Reverse, true)]
    [InlineData(DefaultPrivacy.Allow, ListKind.Block | ListKind.Allow, false)]
    public void Allows_follows_AL_BL_and_BLP(DefaultPrivacy blp, ListKind lists, bool expected) =>
        Assert.Equal(expected, Privacy.Allows(blp, lists));

    [Fact]
    public async Task CanSee_reads_the_targets_lists_and_BLP()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("target", "friend", "enemy", "stranger");
        var target = Email("target");
        await temp.Contacts.AddAsync(target, ListKind.Allow, Email("friend"), "f");
        await temp.Contacts.AddAsync(target, ListKind.Block, Email("enemy"), "e");

        Assert.True(await temp.Contacts.CanSeeAsync(Email("friend"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("enemy"), target));
        Assert.True(await temp.Contacts.CanSeeAsync(Email("stranger"), target));
        Assert.True(await temp.Contacts.CanSeeAsync("unknown@example.com", target));

        await temp.Contacts.SetBlpAsync(target, DefaultPrivacy.Block);

        Assert.True(await temp.Contacts.CanSeeAsync(Email("friend"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("enemy"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("stranger"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("friend"), "unknown@example.com"));
    }
}
