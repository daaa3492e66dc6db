using System.Net;
using Msnp.Server.Limits;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// The sign-in and call limiters remember at most <see cref="ServerLimits.MaxTrackedKeys"/> keys,
/// however many made-up ones arrive, and the sign-in table never forgets a lock to make room.
/// </summary>
public sealed class TrackedKeyBoundTests
{
    [Fact]
    public async Task The_call_limiter_evicts_rather_than_grows_when_every_remembered_user_is_still_limited()
    {
        // No refill to speak of: every bucket stays used up, so none can be swept as forgettable.
        var limiter = new CallRateLimiter(new ServerLimits { MaxTrackedKeys = 3, CallBurst = 1, CallsPerMinute = 0.001 }, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await limiter.TryCallAsync($"user{i}@example.com"));
            Assert.InRange(limiter.TrackedAccounts, 1, 3);
        }

        // The newest user is remembered and limited.
        Assert.False(await limiter.TryCallAsync("user9@example.com"));
    }

    [Fact]
    public async Task A_sign_in_table_full_of_locks_keeps_them_and_refuses_new_keys_instead_of_growing()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new SignInThrottle(
            new ServerLimits { MaxTrackedKeys = 3, SignInFreeFailures = 0, ExemptLoopback = false, NewKeysPerSecondWhenFull = 0.001 },
            clock);
        for (var i = 0; i < 3; i++)
        {
            await (await throttle.TryBeginAsync($"user{i}@example.com", null))!.FailAsync();
        }

        // Full of locked accounts: the rate's one token lets nothing in, since none may be dropped.
        for (var i = 3; i < 10; i++)
        {
            Assert.Null(await throttle.TryBeginAsync($"user{i}@example.com", IPAddress.Parse("192.0.2.1")));
            Assert.InRange(throttle.TrackedKeys, 3, 4);
        }

        Assert.True(await throttle.IsLockedAsync("user0@example.com", null));
        Assert.Null(await throttle.TryBeginAsync("user0@example.com", null));

        // Once the locks and the failure window pass, the sweep frees the table for new keys.
        clock.Now += TimeSpan.FromHours(1);
        var attempt = await throttle.TryBeginAsync("user5@example.com", null);
        Assert.NotNull(attempt);
        await attempt.SucceedAsync();
    }

    [Fact]
    public async Task A_flood_of_failed_sign_ins_on_made_up_names_does_not_unlock_a_locked_account()
    {
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Limits.MaxTrackedKeys = 20;
            o.Limits.SignInFreeFailures = 2;
            o.Limits.SignInBackoffBase = TimeSpan.FromMinutes(5);
            o.Limits.SignInBackoffMax = TimeSpan.FromMinutes(5);
        });
        var server = world.Server;
        var mallory = Scene.Email("mallory");
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("911 4", await Md5.AttemptAsync(server, mallory, "guess" + i));
        }

        // Twice the table's size in made-up names, each failing once.
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal("911 4", await Md5.AttemptAsync(server, $"nobody{i}@example.com", "x"));
        }

        Assert.Equal("911 4", await Md5.AttemptAsync(server, mallory, Scene.Password));
        await world.AssertStillRelayingAsync();
    }
}
