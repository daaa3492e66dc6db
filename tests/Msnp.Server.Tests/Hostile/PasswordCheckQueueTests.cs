using Msnp.Server.Limits;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// The password-check queue (docs/limits.md): waiters are served in arrival order, and a check
/// whose wait the recent checks' pace says would outlast the timeout is refused at once rather
/// than after holding a place. "At once" is observed as the call completing before it returns.
/// </summary>
public sealed class PasswordCheckQueueTests
{
    [Fact]
    public async Task Waiters_enter_in_the_order_they_arrived()
    {
        var gate = new PasswordCheckGate(new ServerLimits { MaxConcurrentPasswordChecks = 1, PasswordCheckQueue = 3, PasswordCheckQueueTimeout = TimeSpan.FromMinutes(5) });
        var running = await gate.TryEnterAsync(CancellationToken.None);
        Assert.NotNull(running);
        var order = new List<int>();
        var waiters = new List<Task>();
        for (int i = 0; i < 3; i++)
        {
            int n = i;
            var wait = gate.TryEnterAsync(CancellationToken.None);
            Assert.False(wait.IsCompleted);
            waiters.Add(Task.Run(async () =>
            {
                using var slot = await wait;
                Assert.NotNull(slot);
                lock (order)
                {
                    order.Add(n);
                }
            }));
        }

        running!.Dispose();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([0, 1, 2], order);
    }

    [Fact]
    public async Task A_check_that_would_wait_past_the_timeout_is_refused_at_once_and_one_that_would_not_waits()
    {
        var gate = new PasswordCheckGate(new ServerLimits { MaxConcurrentPasswordChecks = 1, PasswordCheckQueue = 10, PasswordCheckQueueTimeout = TimeSpan.FromMinutes(5) });

        // No check has ended yet, so nothing is known about the pace: the second one waits.
        var first = await gate.TryEnterAsync(CancellationToken.None);
        var second = gate.TryEnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        first!.Dispose();
        using (var entered = await second.AsTask().WaitAsync(TimeSpan.FromSeconds(60)))
        {
            Assert.NotNull(entered);
        }

        // Checks that held their slot for at least 300 ms against a 200 ms timeout: one queued
        // behind a running check would wait past the timeout, so it is refused without waiting.
        var paced = new PasswordCheckGate(new ServerLimits { MaxConcurrentPasswordChecks = 1, PasswordCheckQueue = 10, PasswordCheckQueueTimeout = TimeSpan.FromMilliseconds(200) });
        var slow = await paced.TryEnterAsync(CancellationToken.None);

        // Held until the stopwatch the gate uses has seen 300 ms: Task.Delay's timer is coarser
        // and may end a little early by that clock.
        var held = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(held) < TimeSpan.FromMilliseconds(300))
        {
            await Task.Delay(20);
        }

        slow!.Dispose();
        Assert.True(paced.AverageHold >= TimeSpan.FromMilliseconds(300));

        using var running = await paced.TryEnterAsync(CancellationToken.None);
        Assert.NotNull(running);
        var refused = paced.TryEnterAsync(CancellationToken.None);
        Assert.True(refused.IsCompleted);
        Assert.Null(await refused);
        Assert.Equal(1, paced.Admitted);
    }
}
