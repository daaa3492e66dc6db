using Msnp.Server.Admin;
using Msnp.Server.Admin.Security;

namespace Msnp.Admin.Tests;

/// <summary>
/// The console's lock-out reserves an attempt before the password is checked, so guesses that
/// arrive while earlier ones are still being verified are refused unchecked.
/// </summary>
public sealed class AdminLockoutTests
{
    [Fact]
    public void Attempts_in_flight_count_against_the_limit_before_any_has_failed()
    {
        var lockout = new AdminLockout(new AdminOptions { LockoutFailures = 3 }, TimeProvider.System);

        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.1"));
        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.2"));
        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.3"));

        // Three checks are running for the name: a fourth, from any address, waits for none of them.
        Assert.False(lockout.TryBeginAttempt("root", "10.0.0.4"));

        lockout.EndAttempt("root", "10.0.0.1", succeeded: false);
        lockout.EndAttempt("root", "10.0.0.2", succeeded: false);
        lockout.EndAttempt("root", "10.0.0.3", succeeded: false);
        Assert.False(lockout.TryBeginAttempt("root", "10.0.0.5"));
    }

    [Fact]
    public void A_successful_attempt_frees_its_reservation_and_clears_the_name()
    {
        var lockout = new AdminLockout(new AdminOptions { LockoutFailures = 2 }, TimeProvider.System);

        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.1"));
        lockout.EndAttempt("root", "10.0.0.1", succeeded: false);
        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.1"));
        lockout.EndAttempt("root", "10.0.0.1", succeeded: true);

        // The name starts again from zero; the address keeps its one failure.
        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.9"));
        lockout.EndAttempt("root", "10.0.0.9", succeeded: false);
        Assert.True(lockout.TryBeginAttempt("root", "10.0.0.8"));
        lockout.EndAttempt("root", "10.0.0.8", succeeded: true);
        Assert.True(lockout.TryBeginAttempt("other", "10.0.0.1"));
        lockout.EndAttempt("other", "10.0.0.1", succeeded: false);
        Assert.False(lockout.TryBeginAttempt("third", "10.0.0.1"));
    }
}
