using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Notification;
using Msnp.Protocol.Auth;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>CHL/QRY (catalogue §3.2, §5.9): from MSNP6, after the first CHG; a wrong answer gets 540 and a close.</summary>
public sealed class ChallengeTests
{
    [Theory]
    [InlineData("MSNP6")]
    [InlineData("MSNP7")]
    [InlineData("MSNP8")]
    [InlineData("MSNP9")]
    public async Task The_first_CHG_brings_one_challenge_and_its_answer_is_acknowledged(string version)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", version);
        await alice.SendAsync("CHG 5 NLN\r\n");
        Assert.StartsWith("CHG 5 NLN", await alice.ReadLineAsync());
        var chl = await alice.ReadLineAsync();
        Assert.Matches("^CHL 0 [0-9]{20}$", chl);
        var digest = ChallengeResponse.ComputeDigest(chl!["CHL 0 ".Length..]);

        // Extra spaces between tokens are fine; the payload has no line end.
        await alice.SendAsync($"QRY  6 msmsgs@msnmsgr.com\t32\r\n{digest}");
        await alice.ExpectAsync("QRY 6");

        // Later status changes bring no new challenge.
        await alice.SendAsync("CHG 7 AWY\r\n");
        Assert.StartsWith("CHG 7 AWY", await alice.ReadLineAsync());
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task Msnp5_has_no_challenge()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", "MSNP5");
        await alice.SendAsync("CHG 5 NLN\r\n");
        await alice.ExpectAsync("CHG 5 NLN");
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task Another_documented_key_pair_is_accepted()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", "MSNP9");
        await alice.SendAsync("CHG 5 NLN 0\r\n");
        await alice.ExpectAsync("CHG 5 NLN 0");
        var chl = await alice.ReadLineAsync();
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes(chl!["CHL 0 ".Length..] + "VT6PX?UQTM4WM%YR")));
        await alice.SendAsync($"QRY 6 PROD0038W!61ZTF9 32\r\n{digest}");
        await alice.ExpectAsync("QRY 6");
    }

    [Theory]
    [InlineData("msmsgs@msnmsgr.com", "00000000000000000000000000000000")]
    [InlineData("PROD0038W!61ZTF9", null)] // the msmsgs digest under another client id
    public async Task A_wrong_answer_gets_540_and_a_close(string clientId, string? digest)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("CHG 5 NLN 0\r\n");
        await alice.ExpectAsync("CHG 5 NLN 0");
        var chl = await alice.ReadLineAsync();
        digest ??= ChallengeResponse.ComputeDigest(chl!["CHL 0 ".Length..]);
        await alice.SendAsync($"QRY 6 {clientId} 32\r\n{digest}");
        await alice.ExpectAsync("540 6");
        Assert.True(await alice.IsClosedAsync());
    }

    [Fact]
    public async Task A_QRY_before_any_challenge_gets_540_and_a_close()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync($"QRY 5 msmsgs@msnmsgr.com 32\r\n{ChallengeResponse.ComputeDigest("12345678901234567890")}");
        await alice.ExpectAsync("540 5");
        Assert.True(await alice.IsClosedAsync());
    }
}

/// <summary>The challenge deadline, on a manual clock: nothing waits for real time to pass.</summary>
public sealed class ChallengeTimeoutTests
{
    [Fact]
    public async Task An_unanswered_challenge_closes_the_connection_after_50_seconds_and_an_answered_one_does_not()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scene = await Scene.StartWithClockAsync(clock, "alice", "bob");
        var bob = await scene.SignInAsync("bob", "MSNP9");
        await bob.SendAsync("CHG 5 NLN 0\r\n");
        await bob.ExpectAsync("CHG 5 NLN 0");
        await bob.AnswerChallengeAsync(6);

        var alice = await scene.SignInAsync("alice", "MSNP7");
        await alice.SendAsync("CHG 5 NLN\r\n");
        await alice.ExpectAsync("CHG 5 NLN");
        await alice.SkipChallengeAsync();

        // A PNG answered means the CHG that armed the deadline has been handled completely.
        await alice.SendAsync("PNG\r\n");
        await alice.ExpectAsync("QNG");
        clock.Advance(NotificationSession.ChallengeTimeout - TimeSpan.FromSeconds(1));
        await alice.SendAsync("PNG\r\n");
        await alice.ExpectAsync("QNG");

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await alice.ReadLineAsync());

        // Bob answered before Alice's deadline started, and is still connected after it passed.
        await bob.SendAsync("PNG\r\n");
        await bob.ExpectAsync("QNG 50");
    }
}
