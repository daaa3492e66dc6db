using Msnp.Server.Connections;

namespace Msnp.Server.Tests.Connections;

[Collection(nameof(ConnectionsStressCollection))]
public sealed class AutoResetSignalTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_set_before_the_wait_completes_it_at_once_and_only_once()
    {
        var signal = new AutoResetSignal();
        signal.Set();
        signal.Set();
        signal.Set();

        var first = signal.WaitAsync(CancellationToken.None);
        Assert.True(first.IsCompletedSuccessfully);
        await first;

        // The three sets coalesced into one wake-up: the next wait must wait for a new set.
        var second = signal.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        signal.Set();
        await second.WaitAsync(Generous);
    }

    [Fact]
    public async Task A_set_wakes_a_waiter_on_another_thread()
    {
        var signal = new AutoResetSignal();
        var wait = signal.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);

        await Task.Run(signal.Set);
        await wait.WaitAsync(Generous);
    }

    [Fact]
    public async Task No_wake_up_is_lost_among_many_concurrent_producers()
    {
        const int Producers = 8;
        const int SetsEach = 20_000;
        var signal = new AutoResetSignal();
        long produced = 0;
        using var timeout = new CancellationTokenSource(Generous);

        // The consumer stops only once it has seen every increment; each increment is followed by
        // a set, so if one set were lost after the last increment the consumer would wait forever
        // and the timeout would fail the test. The consumer turns straight back to waiting, often
        // while a producer is still inside SetResult, which is the case the source's reuse guards.
        var consumer = Task.Run(async () =>
        {
            int wakeUps = 0;
            do
            {
                await signal.WaitAsync(timeout.Token);
                wakeUps++;
            }
            while (Interlocked.Read(ref produced) < Producers * SetsEach);

            return wakeUps;
        });

        var producers = Enumerable.Range(0, Producers).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < SetsEach; i++)
            {
                Interlocked.Increment(ref produced);
                signal.Set();
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(Generous);
        int wakeUps = await consumer.WaitAsync(Generous);
        Assert.InRange(wakeUps, 1, Producers * SetsEach);
    }

    [Fact]
    public async Task Cancelling_a_wait_throws_and_leaves_the_signal_usable()
    {
        var signal = new AutoResetSignal();
        using var cts = new CancellationTokenSource();
        var wait = signal.WaitAsync(cts.Token).AsTask();
        Assert.False(wait.IsCompleted);

        await cts.CancelAsync();
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Generous));
        Assert.Equal(cts.Token, thrown.CancellationToken);

        // The cancelled wait consumed nothing: a later set wakes the next wait.
        var next = signal.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        signal.Set();
        await next.WaitAsync(Generous);
    }

    [Fact]
    public async Task An_already_cancelled_token_throws_unless_a_set_is_pending()
    {
        var signal = new AutoResetSignal();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.WaitAsync(cts.Token).AsTask());

        // A pending set is handed out first, as the writer loop then drains what is queued.
        signal.Set();
        await signal.WaitAsync(cts.Token);
    }

    [Fact]
    public async Task A_set_racing_a_cancellation_is_never_lost()
    {
        var signal = new AutoResetSignal();
        for (int round = 0; round < 2_000; round++)
        {
            using var cts = new CancellationTokenSource();
            var wait = signal.WaitAsync(cts.Token).AsTask();
            var setter = Task.Run(signal.Set);
            var canceller = Task.Run(cts.Cancel);
            await Task.WhenAll(setter, canceller).WaitAsync(Generous);

            bool woken;
            try
            {
                await wait.WaitAsync(Generous);
                woken = true;
            }
            catch (OperationCanceledException)
            {
                woken = false;
            }

            // Either the set woke the wait, or it is still pending for the next one.
            var next = signal.WaitAsync(CancellationToken.None);
            Assert.Equal(!woken, next.IsCompletedSuccessfully);
            if (woken)
            {
                signal.Set();
                await next.AsTask().WaitAsync(Generous);
            }
        }
    }
}
