using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>List, group, participant and CAL-rate limits answer their documented codes (210, 223, 712, 713) and leave others alone.</summary>
public sealed class SizeAndRateLimitTests
{
    [Fact]
    public async Task Full_lists_answer_210_and_too_many_groups_223()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Storage.ForwardListLimit = 2;
            o.Storage.AllowListLimit = 1;
            o.Storage.BlockListLimit = 1;
            o.Storage.MaxGroups = 2;
        });
        var mallory = await world.Scene.SignInAsync("mallory", "MSNP7");

        await mallory.SendAsync("ADD 1 FL alice@example.com Alice\r\nADD 2 FL bob@example.com Bob\r\nADD 3 FL carol@example.com Carol\r\n");
        await mallory.ReadLineStartingWithAsync("ADD 1 FL ");
        await mallory.ReadLineStartingWithAsync("ADD 2 FL ");
        Assert.Equal("210 3", await mallory.ReadLineStartingWithAsync("210 "));

        await mallory.SendAsync("ADD 4 AL alice@example.com Alice\r\nADD 5 AL bob@example.com Bob\r\n");
        await mallory.ReadLineStartingWithAsync("ADD 4 AL ");
        Assert.Equal("210 5", await mallory.ReadLineStartingWithAsync("210 "));

        await mallory.SendAsync("ADD 6 BL carol@example.com Carol\r\nADD 7 BL bob@example.com Bob\r\n");
        await mallory.ReadLineStartingWithAsync("ADD 6 BL ");
        Assert.Equal("210 7", await mallory.ReadLineStartingWithAsync("210 "));

        // Group 0 counts: one more group fits, the next gets 223.
        await mallory.SendAsync("ADG 8 Friends 0\r\nADG 9 More 0\r\n");
        await mallory.ReadLineStartingWithAsync("ADG 8 ");
        Assert.Equal("223 9", await mallory.ReadLineStartingWithAsync("223 "));
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task A_full_switchboard_answers_712()
    {
        await using var world = await Bystanders.StartAsync(o => o.MaxSwitchboardParticipants = 2);
        var carol = await world.Scene.SignInAsync("carol");
        await Chat.GoOnlineAsync(carol);

        await world.AliceSb.SendAsync("CAL 20 carol@example.com\r\n");
        Assert.Equal("712 20", await world.AliceSb.ReadLineAsync());
        await world.AssertStillRelayingAsync();
    }

    [Fact]
    public async Task Calling_faster_than_the_per_user_rate_answers_713_in_every_session_of_that_user()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.CallBurst = 3;
            o.Limits.CallsPerMinute = 0.01;
        });
        var mallory = await world.Scene.SignInAsync("mallory");
        await Chat.GoOnlineAsync(mallory);
        await using var sb1 = await Chat.OpenAsync(world.Server, mallory, "mallory@example.com");
        await using var sb2 = await Chat.OpenAsync(world.Server, mallory, "mallory@example.com", 61);

        // Every CAL counts, whatever its answer: these three use the burst up.
        await sb1.SendAsync("CAL 2 nobody@example.com\r\nCAL 3 carol@example.com\r\nCAL 4 nobody2@example.com\r\n");
        Assert.Equal("217 2", await sb1.ReadLineAsync());
        Assert.Equal("217 3", await sb1.ReadLineAsync());
        Assert.Equal("217 4", await sb1.ReadLineAsync());
        await sb1.SendAsync("CAL 5 alice@example.com\r\n");
        Assert.Equal("713 5", await sb1.ReadLineAsync());
        await sb2.SendAsync("CAL 6 alice@example.com\r\n");
        Assert.Equal("713 6", await sb2.ReadLineAsync());

        // Other users keep their own allowance, and the connection stays usable.
        await world.AliceSb.SendAsync("CAL 7 bob@example.com\r\n");
        Assert.Equal("215 7", await world.AliceSb.ReadLineAsync());
        await world.AssertStillRelayingAsync();
    }
}
