using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>The storage service's profile store on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class ProfileStoreTests(StoreBackend backend)
{
    public sealed class OnSqlite() : ProfileStoreTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : ProfileStoreTests(StoreBackend.Postgres);

    [Fact]
    public async Task Personal_message_and_picture_are_kept_found_by_cid_and_removed_with_the_account()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        var profiles = temp.Store.Profiles;

        var empty = await profiles.GetAsync(Email("alice"));
        Assert.Equal((null, null, 0), (empty.PersonalStatus, empty.PictureType, empty.PictureSize));

        await profiles.SetPersonalStatusAsync(Email("alice"), "at lunch ☕");
        await profiles.SetPictureAsync(Email("alice"), -42, [1, 2, 3], "image/png");
        await profiles.SetPictureAsync(Email("alice"), -42, [4, 5], "image/gif");

        var other = await temp.OpenAnotherAsync();
        var profile = await other.Profiles.GetAsync(Email("alice"));
        Assert.Equal(("at lunch ☕", "image/gif", 2), (profile.PersonalStatus, profile.PictureType, profile.PictureSize));
        Assert.NotNull(profile.PersonalStatusAt);
        var picture = await other.Profiles.GetPictureAsync(-42);
        Assert.Equal([4, 5], picture!.Data);
        Assert.Equal("image/gif", picture.MediaType);
        Assert.Null(await other.Profiles.GetPictureAsync(7));

        await profiles.SetPersonalStatusAsync(Email("alice"), null);
        Assert.Null((await profiles.GetAsync(Email("alice"))).PersonalStatus);
        Assert.Equal("image/gif", (await profiles.GetAsync(Email("alice"))).PictureType);
        Assert.Null((await profiles.GetAsync(Email("bob"))).PictureType);

        Assert.True(await temp.Accounts.RemoveAsync(Email("alice")));
        Assert.Null(await profiles.GetPictureAsync(-42));
    }
}
