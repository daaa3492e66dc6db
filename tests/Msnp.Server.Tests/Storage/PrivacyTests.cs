using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

public sealed class PrivacyTests
{
    [Theory]
    [InlineData(BlpMode.AL, ContactLists.None, true)]
    [InlineData(BlpMode.BL, ContactLists.None, false)]
    [InlineData(BlpMode.AL, ContactLists.Allow, true)]
    [InlineData(BlpMode.BL, ContactLists.Allow, true)]
    [InlineData(BlpMode.AL, ContactLists.Block, false)]
    [InlineData(BlpMode.BL, ContactLists.Block, false)]
    [InlineData(BlpMode.BL, ContactLists.Forward | ContactLists.Reverse, false)]
    [InlineData(BlpMode.AL, ContactLists.Forward | ContactLists.Reverse, true)]
    [InlineData(BlpMode.AL, ContactLists.Block | ContactLists.Allow, false)]
    public void Allows_follows_AL_BL_and_BLP(BlpMode blp, ContactLists lists, bool expected) =>
        Assert.Equal(expected, Privacy.Allows(blp, lists));

    [Fact]
    public async Task CanSee_reads_the_targets_lists_and_BLP()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("target", "friend", "enemy", "stranger");
        var target = Email("target");
        await temp.Contacts.AddAsync(target, ContactLists.Allow, Email("friend"), "f");
        await temp.Contacts.AddAsync(target, ContactLists.Block, Email("enemy"), "e");

        Assert.True(await temp.Contacts.CanSeeAsync(Email("friend"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("enemy"), target));
        Assert.True(await temp.Contacts.CanSeeAsync(Email("stranger"), target));
        Assert.True(await temp.Contacts.CanSeeAsync("unknown@example.com", target));

        await temp.Contacts.SetBlpAsync(target, BlpMode.BL);

        Assert.True(await temp.Contacts.CanSeeAsync(Email("friend"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("enemy"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("stranger"), target));
        Assert.False(await temp.Contacts.CanSeeAsync(Email("friend"), "unknown@example.com"));
    }
}
