using Msnp.Cluster.Grains;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// A call to a limit grain whose answer did not come within <c>Msnp:Cluster:ResponseTimeout</c> is
/// retried with the same request id; when the first call did run, the retry must get its answer
/// and count nothing. Each test sends one request id twice to the real grain of a real node, with
/// limits small enough that a second count changes the next answer (one free sign-in failure, a
/// ten-minute lock; each test its own account).
/// </summary>
public sealed class LimitGrainRequestTests(LimitGrainRequestTests.Node node) : IClassFixture<LimitGrainRequestTests.Node>
{
    [Fact]
    public async Task A_call_allowance_request_sent_twice_takes_one_call()
    {
        var grain = node.Cluster.Grains.GetGrain<ICallAllowanceGrain>("alice@example.com");

        // Two calls and practically no refill: the first request twice, then one more call fits.
        const int Burst = 2;
        const double PerSecond = 0.0001;
        var first = Guid.NewGuid();
        Assert.True(await grain.TryTake(first, Burst, PerSecond));
        Assert.True(await grain.TryTake(first, Burst, PerSecond));
        Assert.True(await grain.TryTake(Guid.NewGuid(), Burst, PerSecond));
        Assert.False(await grain.TryTake(Guid.NewGuid(), Burst, PerSecond));
    }

    [Fact]
    public async Task Sign_in_reservations_and_failures_sent_twice_count_once()
    {
        // One free failure: a second attempt in flight is refused, and a second failure locks.
        var grain = node.Cluster.Grains.GetGrain<ISignInBackoffGrain>(SignInBackoffGrain.AccountPrefix + "dave@example.com");

        // The same reservation twice is one attempt in flight: granted both times, and another is refused.
        var reservation = Guid.NewGuid();
        Assert.True(await grain.TryReserve(reservation));
        Assert.True(await grain.TryReserve(reservation));
        Assert.False(await grain.TryReserve(Guid.NewGuid()));

        // Its failure sent twice is one failure, the free one: not locked, and the next attempt may start.
        var failure = Guid.NewGuid();
        await grain.Complete(failure, failed: true);
        await grain.Complete(failure, failed: true);
        Assert.False(await grain.IsLocked());
        Assert.True(await grain.TryReserve(Guid.NewGuid()));

        // That attempt's failure is the second: locked.
        await grain.Complete(Guid.NewGuid(), failed: true);
        Assert.True(await grain.IsLocked());
    }

    [Fact]
    public async Task An_unlock_sent_again_after_a_new_failure_leaves_that_failure_counted()
    {
        var grain = node.Cluster.Grains.GetGrain<ISignInBackoffGrain>(SignInBackoffGrain.AccountPrefix + "erin@example.com");

        // An attempt in flight keeps the grain (and what it remembers) while the failures are cleared.
        Assert.True(await grain.TryReserve(Guid.NewGuid()));
        var unlock = Guid.NewGuid();
        await grain.Forget(unlock);

        // That attempt fails (the free failure); the unlock arriving again must not clear it, so
        // the next failure locks.
        await grain.Complete(Guid.NewGuid(), failed: true);
        await grain.Forget(unlock);
        Assert.True(await grain.TryReserve(Guid.NewGuid()));
        await grain.Complete(Guid.NewGuid(), failed: true);
        Assert.True(await grain.IsLocked());
    }

    /// <summary>The node the tests share (a silo's start costs seconds).</summary>
    public sealed class Node : IAsyncLifetime
    {
        private InProcessClusterNode? _node;

        internal InProcessClusterNode Cluster => _node ?? throw new InvalidOperationException("not started");

        public async Task InitializeAsync() => _node = await InProcessClusterNode.StartAsync(limits =>
        {
            limits.SignInFreeFailures = 1;
            limits.SignInBackoffBase = TimeSpan.FromMinutes(10);
        });

        public async Task DisposeAsync()
        {
            if (_node is not null)
            {
                await _node.DisposeAsync();
            }
        }
    }
}
