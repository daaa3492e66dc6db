using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using Msnp.Server.Connections;

namespace Msnp.Server.Tests.Connections;

/// <summary>A switchboard sender's wait for a receiver that is behind: drained, timed out, reused.</summary>
public sealed class DrainWaiterTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_wait_ends_drained_when_the_writer_catches_up_and_the_same_waiter_then_times_out_on_a_stalled_buffer()
    {
        var clock = new FakeTimeProvider();
        using var waiter = new DrainWaiter(clock);

        // Below the high-water mark the wait ends at once.
        var buffer = new OutboundBuffer(1024);
        Assert.True(buffer.Write(new byte[100]));
        var quick = waiter.WaitAsync(buffer, TimeSpan.FromSeconds(5));
        Assert.True(quick.IsCompletedSuccessfully);
        Assert.True(await quick);

        // Above it, the wait ends once the writer has drained the bytes.
        Assert.True(buffer.Write(new byte[700]));
        var drained = waiter.WaitAsync(buffer, TimeSpan.FromSeconds(5));
        Assert.False(drained.IsCompleted);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var writer = buffer.RunAsync(pipe.Writer, CancellationToken.None);
        Assert.True(await drained.AsTask().WaitAsync(Generous));

        // A buffer nobody drains: the same waiter times out when the clock passes the timeout, not before.
        var stalled = new OutboundBuffer(1024);
        Assert.True(stalled.Write(new byte[700]));
        var timedOut = waiter.WaitAsync(stalled, TimeSpan.FromSeconds(5)).AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(timedOut.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await timedOut.WaitAsync(Generous));

        // Completing the stalled buffer releases a later wait as drained (its connection is going away).
        var released = waiter.WaitAsync(stalled, TimeSpan.FromSeconds(5)).AsTask();
        stalled.Complete();
        Assert.True(await released.WaitAsync(Generous));

        buffer.Complete();
        await writer.WaitAsync(Generous);
    }
}
