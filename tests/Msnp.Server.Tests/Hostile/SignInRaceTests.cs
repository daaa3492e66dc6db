using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Auth;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Attempts are reserved before their credentials are checked (docs/limits.md): guesses sent at
/// the same instant cannot all slip past the lock the first of them sets.
/// </summary>
public sealed class SignInRaceTests
{
    [Fact]
    public async Task Twelve_simultaneous_guesses_after_the_free_failures_are_checked_one_at_a_time()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.SignInFreeFailures = 2;
            o.Limits.SignInBackoffBase = TimeSpan.FromSeconds(10);
            o.Limits.SignInBackoffMax = TimeSpan.FromMinutes(10);
        });
        var server = world.Server;
        var mallory = Scene.Email("mallory");
        var store = (SqliteAccountStore)server.Host.Services.GetRequiredService<IAccountStore>();

        Assert.Equal("911 4", await Md5.AttemptAsync(server, mallory, "guess1"));
        Assert.Equal("911 4", await Md5.AttemptAsync(server, mallory, "guess2"));

        // Twelve connections wait at the challenge, then all answer at once.
        var pending = new List<(LineClient Client, string Challenge)>();
        for (int i = 0; i < 12; i++)
        {
            pending.Add(await Md5.ChallengeAsync(server, mallory));
        }

        var checkedBefore = store.LegacySecretDecryptions;
        await Task.WhenAll(pending.Select((p, i) => p.Client.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(p.Challenge, "race" + i)}\r\n")));
        var replies = await Task.WhenAll(pending.Select(p => p.Client.ReadLineAsync()));
        Assert.All(replies, reply => Assert.Equal("911 4", reply));
        foreach (var (client, _) in pending)
        {
            await client.DisposeAsync();
        }

        // One guess was checked; the others were refused unchecked while it was in flight or after it locked.
        Assert.Equal(1, store.LegacySecretDecryptions - checkedBefore);

        // So the lock is the first step (10 s), not twelve doublings (the 10-minute cap).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await Md5.AttemptAsync(server, mallory, Scene.Password) is not { } reply || !reply.StartsWith("USR 4 OK ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the account stayed locked as if every simultaneous guess had been checked");
            await Task.Delay(250);
        }

        await world.AssertStillRelayingAsync();
    }
}
