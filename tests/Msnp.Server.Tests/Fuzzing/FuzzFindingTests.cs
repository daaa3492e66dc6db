using Msnp.Server.Notification;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Fuzzing;

/// <summary>
/// Inputs the fuzzer (fuzz/, docs/fuzzing.md) found that made a session throw out of its connection
/// handler, reduced to the command that did it, over real sockets: each gets its documented answer
/// and a user signed in alongside is unaffected. <see cref="FuzzFindingReplayTests"/> replays the
/// original inputs byte for byte.
/// </summary>
public sealed class FuzzFindingTests
{
    // A bare CR inside a line is an ordinary byte, so "MSNMSGR .c\r.0602" arrives as one token; the
    // version was echoed into the CVR reply, whose writer refuses a CR, and the handler threw.
    [Theory]
    [InlineData(".c\r.0602")]
    [InlineData("6.0.0602-and-then-some-more-characters")]
    [InlineData("6.0\u00e9")]
    public async Task CVR_with_a_client_version_that_cannot_be_echoed_gets_710_and_login_goes_on(string version)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob");
        var client = await scene.ConnectAsync();
        await client.SendAsync($"VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 winnt 5.1 i386 MSNMSGR {version} MSMSGS alice@example.com\r\nUSR 3 TWN I alice@example.com\r\n");
        await client.ExpectAsync("VER 1 MSNP8 CVR0", "710 2");
        Assert.StartsWith("USR 3 TWN S ", await client.ReadLineAsync());
        await bob.ExpectQuietAsync();
    }

    [Fact]
    public async Task CVR_with_an_ordinary_version_is_still_echoed()
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync("VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 MSMSGS alice@example.com\r\n");
        await client.ExpectAsync("VER 1 MSNP8 CVR0");
        Assert.StartsWith("CVR 2 6.0.0602 6.0.0602 6.0.0602 http://", await client.ReadLineAsync());
    }

    // Raw control characters inside a name token reached the store, whose guard threw out of the
    // handler. They now close the connection before the store is asked, as an over-long name does.
    [Theory]
    [InlineData("ADD 5 FL bob@example.com bob\u0010\r\n")]
    [InlineData("ADD 5 AL bob@example.com bob\u001b\r\n")]
    [InlineData("REA 5 alice@example.com Alice\u001b\r\n")]
    [InlineData("REA 5 bob@example.com B\u0000b\r\n")]
    [InlineData("ADG 5 friends\u00100\r\n")]
    [InlineData("REG 5 0 fri\u0001ends 0\r\n")]
    [InlineData("PRP 5 PHH 1\u000223\r\n")]
    public async Task A_name_with_a_raw_control_character_closes_the_connection_and_stores_nothing(string command)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("SYN 4 0\r\n");
        var version = (await alice.ReadLineStartingWithAsync("SYN 4 ")).Split(' ')[2];

        await alice.SendAsync(command);
        Assert.True(await alice.IsClosedAsync());
        await bob.ExpectQuietAsync();

        // Nothing was stored: the list version is where it was.
        var again = await scene.SignInAsync("alice");
        await again.SendAsync($"SYN 4 {version}\r\n");
        await again.ExpectAsync($"SYN 4 {version}");
    }

    // The MSNObject is echoed in the CHG reply and in every watcher's NLN/ILN: a CR inside it made
    // the writer throw, and one near the line limit would make the watchers' NLN line too long.
    [Theory]
    [InlineData("%3Cmsnobj\r%2F%3E")]
    [InlineData("%3Cmsnobj\u0001%2F%3E")]
    [InlineData(null)]
    public async Task CHG_with_an_MSNObject_that_cannot_be_echoed_gets_201_and_watchers_see_nothing(string? msnObject)
    {
        msnObject ??= new string('a', NotificationSession.MaxMsnObjectBytes + 1);
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob", "MSNP9");
        await bob.SendAsync("ADD 5 FL alice@example.com Alice 0\r\n");
        await bob.ReadLineStartingWithAsync("ADD 5 FL ");
        await bob.SendAsync("CHG 6 NLN 0\r\n");
        await bob.ExpectAsync("CHG 6 NLN 0");
        await bob.SkipChallengeAsync();

        var alice = await scene.SignInAsync("alice", "MSNP9");
        await alice.SendAsync($"CHG 7 NLN 0 {msnObject}\r\n");
        await alice.ExpectAsync("201 7");
        await alice.ExpectQuietAsync();

        // Still offline, so bob heard nothing; a well-formed MSNObject then goes through to him.
        await bob.ExpectQuietAsync();
        var good = "%3Cmsnobj%2F%3E";
        await alice.SendAsync($"CHG 8 NLN 0 {good}\r\n");
        await alice.ExpectAsync($"CHG 8 NLN 0 {good}");
        await bob.ExpectAsync($"NLN NLN alice@example.com Alice 0 {good}");
    }

    // SND echoes the address it was given; a CR inside it made the reply writer throw.
    [Theory]
    [InlineData("friend\r@example.com")]
    [InlineData("fri\u0000end@example.com")]
    public async Task SND_with_an_address_that_cannot_be_echoed_gets_201(string address)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync($"SND 5 {address}\r\nSND 6 friend@example.com\r\n");
        await alice.ExpectAsync("201 5", "SND 6 friend@example.com");
        await alice.ExpectQuietAsync();
        await bob.ExpectQuietAsync();
    }
}
