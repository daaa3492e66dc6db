using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Limits;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// The password-check queue is sized by what the slots can serve within the queue timeout
/// (docs/limits.md): cheap checks may queue up to <see cref="ServerLimits.PasswordCheckQueue"/>, so a
/// burst of sign-ins the server can serve in time waits instead of being answered busy; slow checks
/// queue only what the slots drain in time. The check time comes from a manual clock.
/// </summary>
public sealed class PasswordCheckQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Before_any_check_has_finished_one_check_per_slot_may_wait()
    {
        var (gate, _) = Create(slots: 2, queue: 256);
        Assert.Equal(2, gate.QueueCapacity);
        var holders = await HoldAsync(gate, 2);
        var waiting = Enumerable.Range(0, 2).Select(_ => gate.TryEnterAsync(CancellationToken.None).AsTask()).ToList();

        Assert.Null(await gate.TryEnterAsync(CancellationToken.None));
        Assert.Equal(4, gate.Admitted);
        await ReleaseAllAsync(holders, waiting);
    }

    [Fact]
    public async Task Cheap_checks_let_a_burst_wait_up_to_the_configured_queue()
    {
        var (gate, clock) = Create(slots: 2, queue: 256);
        await MeasureOneCheckAsync(gate, clock, TimeSpan.FromMilliseconds(2));
        Assert.Equal(256, gate.QueueCapacity);

        var holders = await HoldAsync(gate, 2);
        var waiting = Enumerable.Range(0, 256).Select(_ => gate.TryEnterAsync(CancellationToken.None).AsTask()).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        Assert.Equal(258, gate.Admitted);

        // The 259th finds the slots and the queue full: busy at once, without waiting.
        Assert.Null(await gate.TryEnterAsync(CancellationToken.None));
        await ReleaseAllAsync(holders, waiting);
        Assert.Equal(0, gate.Admitted);
    }

    [Fact]
    public async Task Slow_checks_queue_only_what_the_slots_finish_within_the_timeout()
    {
        var (gate, clock) = Create(slots: 2, queue: 256);

        // 60 s per check, 2 slots, 5 minutes: ten checks can be reached in time.
        await MeasureOneCheckAsync(gate, clock, TimeSpan.FromSeconds(60));
        Assert.Equal(10, gate.QueueCapacity);

        var holders = await HoldAsync(gate, 2);
        var waiting = Enumerable.Range(0, 10).Select(_ => gate.TryEnterAsync(CancellationToken.None).AsTask()).ToList();
        Assert.Null(await gate.TryEnterAsync(CancellationToken.None));
        Assert.Equal(12, gate.Admitted);
        await ReleaseAllAsync(holders, waiting);
    }

    [Fact]
    public async Task Very_slow_checks_still_leave_one_place_per_slot_and_no_queue_stays_no_queue()
    {
        var (slow, clock) = Create(slots: 2, queue: 256);
        await MeasureOneCheckAsync(slow, clock, TimeSpan.FromHours(1));
        Assert.Equal(2, slow.QueueCapacity);

        var (none, noneClock) = Create(slots: 1, queue: 0);
        await MeasureOneCheckAsync(none, noneClock, TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, none.QueueCapacity);
        using var running = await none.TryEnterAsync(CancellationToken.None);
        Assert.NotNull(running);
        Assert.Null(await none.TryEnterAsync(CancellationToken.None));
    }

    private static (PasswordCheckGate Gate, FakeTimeProvider Clock) Create(int slots, int queue)
    {
        var clock = new FakeTimeProvider();
        var limits = new ServerLimits { MaxConcurrentPasswordChecks = slots, PasswordCheckQueue = queue, PasswordCheckQueueTimeout = Timeout };
        return (new PasswordCheckGate(limits, clock), clock);
    }

    private static async Task MeasureOneCheckAsync(PasswordCheckGate gate, FakeTimeProvider clock, TimeSpan took)
    {
        var slot = await gate.TryEnterAsync(CancellationToken.None);
        Assert.NotNull(slot);
        clock.Advance(took);
        slot.Dispose();
    }

    private static async Task<List<IDisposable>> HoldAsync(PasswordCheckGate gate, int count)
    {
        var held = new List<IDisposable>();
        for (var i = 0; i < count; i++)
        {
            held.Add(await gate.TryEnterAsync(CancellationToken.None) ?? throw new InvalidOperationException("no free slot"));
        }

        return held;
    }

    // Every waiter gets its slot in turn once the holders let go; each gives it back as soon as it has it.
    private static async Task ReleaseAllAsync(List<IDisposable> holders, List<Task<IDisposable?>> waiting)
    {
        holders.ForEach(h => h.Dispose());
        foreach (var w in waiting)
        {
            var slot = await w;
            Assert.NotNull(slot);
            slot.Dispose();
        }
    }
}
