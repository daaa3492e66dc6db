using Msnp.Client.P2P;
using Msnp.Protocol.P2P;

namespace Msnp.Client.Tests.P2P;

/// <summary>
/// The receiver of a file acknowledges the last chunk and then sends BYE; the sender's dispatcher
/// completes the ACK and then cancels the session for the BYE, one right after the other. The
/// sender's wait must see the ACK, not the cancellation (send-file used to report "the contact
/// cancelled the transfer" for a file that had arrived whole).
/// </summary>
public sealed class AckWaitTests
{
    [Fact]
    public async Task An_ack_that_completed_before_the_cancellation_is_returned()
    {
        for (var i = 0; i < 200; i++)
        {
            var ack = new TaskCompletionSource<P2PHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var peerClosed = new CancellationTokenSource();
            var waiting = P2PLink.WaitForAckCoreAsync(ack.Task, TimeSpan.FromMinutes(1), TimeProvider.System, peerClosed.Token);
            var header = new P2PHeader(7, (uint)i, 0, 10, 0, P2PFlags.Ack, 1, 2, 10);

            ack.SetResult(header);
            await peerClosed.CancelAsync();

            Assert.Equal(header, await waiting);
        }
    }

    [Fact]
    public async Task A_cancellation_with_no_ack_still_cancels()
    {
        var ack = new TaskCompletionSource<P2PHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var peerClosed = new CancellationTokenSource();
        var waiting = P2PLink.WaitForAckCoreAsync(ack.Task, TimeSpan.FromMinutes(1), TimeProvider.System, peerClosed.Token);

        await peerClosed.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task No_ack_within_the_timeout_is_null()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var ack = new TaskCompletionSource<P2PHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = P2PLink.WaitForAckCoreAsync(ack.Task, TimeSpan.FromSeconds(5), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Null(await waiting);
    }
}
