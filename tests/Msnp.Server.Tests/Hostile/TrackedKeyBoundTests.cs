using System.Net;
using Msnp.Server.Limits;

namespace Msnp.Server.Tests.Hostile;

/// <summary>The sign-in and call limiters remember at most <see cref="ServerLimits.MaxTrackedKeys"/> keys, however many made-up ones arrive.</summary>
public sealed class TrackedKeyBoundTests
{
    [Fact]
    public void The_call_limiter_evicts_rather_than_grows_when_every_remembered_user_is_still_limited()
    {
        // No refill to speak of: every bucket stays used up, so none can be swept as forgettable.
        var limiter = new CallRateLimiter(new ServerLimits { MaxTrackedKeys = 3, CallBurst = 1, CallsPerMinute = 0.001 }, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryCall($"user{i}@example.com"));
            Assert.InRange(limiter.TrackedAccounts, 1, 3);
        }

        // The newest user is remembered and limited.
        Assert.False(limiter.TryCall("user9@example.com"));
    }

    [Fact]
    public void The_sign_in_throttle_evicts_rather_than_grows_when_every_remembered_key_is_still_live()
    {
        var throttle = new SignInThrottle(new ServerLimits { MaxTrackedKeys = 3, SignInFreeFailures = 0, ExemptLoopback = false }, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure($"user{i}@example.com", IPAddress.Parse($"192.0.2.{i + 1}"));
            Assert.InRange(throttle.TrackedKeys, 2, 6);
        }

        Assert.True(throttle.IsLocked("user9@example.com", null));
    }
}
