using System.Collections.Concurrent;
using Msnp.Client.FileTransfer;
using Msnp.Client.Tests.FileTransfer;

namespace Msnp.Client.Tests.P2P;

public sealed class P2PFileTransferTests
{
    [Fact]
    public async Task A_file_sent_over_p2p_arrives_with_the_same_sha256_and_progress_on_both_sides()
    {
        await using var pair = await P2PPair.StartAsync();
        var data = TestStreams.RandomBytes((2 * 1024 * 1024) + 333);
        var received = new MemoryStream();
        var offered = new TaskCompletionSource<FileOfferedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiving = new TaskCompletionSource<FileTransferResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiverProgress = new ConcurrentQueue<FileTransferProgress>();
        pair.Bob.PeerToPeer.FileOffered += async (_, offer) =>
        {
            offered.TrySetResult(offer);
            try
            {
                receiving.TrySetResult(await offer.AcceptAsync(received, new Progress(receiverProgress.Enqueue)));
            }
            catch (Exception e)
            {
                receiving.TrySetException(e);
            }
        };

        var senderProgress = new ConcurrentQueue<FileTransferProgress>();
        var sent = await pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream(data), "random ä.bin", data.Length, new Progress(senderProgress.Enqueue)).Within();
        var result = await receiving.Task.Within();

        var offer = await offered.Task.Within();
        Assert.Equal(FileTransferMethod.PeerToPeer, offer.Method);
        Assert.Null(offer.Invitation);
        Assert.Equal(P2PPair.AliceAccount, offer.Sender);
        Assert.Equal("random ä.bin", offer.FileName);
        Assert.Equal(data.Length, offer.FileSize);
        Assert.Equal(data.Length, sent.Size);
        Assert.Equal(data.Length, result.Size);
        Assert.Equal(TestStreams.Sha256(data), TestStreams.Sha256(received.ToArray()));
        Assert.Equal(data.Length, senderProgress.Last().BytesTransferred);
        Assert.Equal(data.Length, receiverProgress.Last().BytesTransferred);
        Assert.Equal(data.Length, receiverProgress.Last().TotalBytes);
        Assert.Equal(0, pair.Alice.PeerToPeer.OpenSessions);
    }

    [Fact]
    public async Task An_empty_file_is_transferred()
    {
        await using var pair = await P2PPair.StartAsync();
        var receiving = AcceptInto(pair, new MemoryStream());

        var sent = await pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream(), "empty.txt", 0).Within();

        Assert.Equal(0, sent.Size);
        Assert.Equal(0, (await receiving.Within()).Size);
    }

    [Fact]
    public async Task A_declined_offer_fails_the_sender_with_declined()
    {
        await using var pair = await P2PPair.StartAsync();
        pair.Bob.PeerToPeer.FileOffered += async (_, offer) => await offer.DeclineAsync();

        var error = await Assert.ThrowsAsync<FileTransferException>(() => pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream([1, 2, 3]), "x.bin", 3));

        Assert.Equal(FileTransferFailure.Declined, error.Failure);
        Assert.Equal("603", error.CancelCode);
    }

    [Fact]
    public async Task Without_a_handler_an_offer_is_declined_at_once()
    {
        await using var pair = await P2PPair.StartAsync();

        var error = await Assert.ThrowsAsync<FileTransferException>(() => pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream([1]), "x.bin", 1));

        Assert.Equal(FileTransferFailure.Declined, error.Failure);
    }

    [Fact]
    public async Task An_offer_above_the_receive_limit_is_declined_as_too_large()
    {
        await using var pair = await P2PPair.StartAsync();
        pair.Bob.PeerToPeer.FileTransferOptions = new FileTransferOptions { MaxReceiveSize = 2 };
        var receiving = AcceptInto(pair, new MemoryStream());

        var error = await Assert.ThrowsAsync<FileTransferException>(() => pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream([1, 2, 3]), "x.bin", 3));

        Assert.Equal(FileTransferFailure.Declined, error.Failure);
        Assert.Equal(FileTransferFailure.TooLarge, (await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within())).Failure);
    }

    [Fact]
    public async Task The_sender_cancels_mid_transfer_and_the_receiver_hears_bye()
    {
        await using var pair = await P2PPair.StartAsync();
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiving = AcceptInto(pair, new MemoryStream(), new Progress(p =>
        {
            if (p.BytesTransferred > 0)
            {
                halfway.TrySetResult();
            }
        }));
        using var cancel = new CancellationTokenSource();
        var data = TestStreams.RandomBytes(8 * 1024 * 1024);

        var sending = pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream(data), "big.bin", data.Length, cancellationToken: cancel.Token);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        Assert.Equal(FileTransferFailure.Cancelled, (await Assert.ThrowsAsync<FileTransferException>(() => sending.Within())).Failure);
        var received = await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within());
        Assert.Equal(FileTransferFailure.CancelledByPeer, received.Failure);
        Assert.Contains("BYE", received.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receiver_cancels_mid_transfer_and_the_sender_hears_bye()
    {
        await using var pair = await P2PPair.StartAsync();
        using var cancel = new CancellationTokenSource();
        var receiving = AcceptInto(pair, new MemoryStream(), new Progress(p =>
        {
            if (p.BytesTransferred > 0)
            {
                cancel.Cancel();
            }
        }), cancel.Token);
        var data = TestStreams.RandomBytes(8 * 1024 * 1024);

        var sending = pair.Alice.PeerToPeer.SendFileAsync(P2PPair.BobAccount, new MemoryStream(data), "big.bin", data.Length);

        Assert.Equal(FileTransferFailure.Cancelled, (await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within())).Failure);
        var sent = await Assert.ThrowsAsync<FileTransferException>(() => sending.Within());
        Assert.Equal(FileTransferFailure.CancelledByPeer, sent.Failure);
    }

    internal static Task<FileTransferResult> AcceptInto(P2PPair pair, Stream destination, IProgress<FileTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var receiving = new TaskCompletionSource<FileTransferResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Bob.PeerToPeer.FileOffered += async (_, offer) =>
        {
            try
            {
                receiving.TrySetResult(await offer.AcceptAsync(destination, progress, cancellationToken));
            }
            catch (Exception e)
            {
                receiving.TrySetException(e);
            }
        };
        return receiving.Task;
    }

    /// <summary>Reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    internal sealed class Progress(Action<FileTransferProgress> report) : IProgress<FileTransferProgress>
    {
        public void Report(FileTransferProgress value) => report(value);
    }
}
