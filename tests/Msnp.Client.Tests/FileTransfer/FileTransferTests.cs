using System.Collections.Concurrent;
using Msnp.Client.FileTransfer;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.FileTransfer;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests.FileTransfer;

public sealed class FileTransferTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_random_file_arrives_with_the_same_sha256_whoever_listens(bool senderListens)
    {
        await using var pair = await TransferPair.StartAsync(
            TransferPair.Options() with { CanAcceptConnections = senderListens },
            TransferPair.Options());
        var data = TestStreams.RandomBytes((3 * 1024 * 1024) + 17);
        var received = new MemoryStream();
        var offered = new TaskCompletionSource<FileOfferedEventArgs>();
        var receiving = new TaskCompletionSource<FileTransferResult>();
        var receiverProgress = new ConcurrentQueue<FileTransferProgress>();
        pair.BobInvitations!.FileOffered += async (_, offer) =>
        {
            offered.TrySetResult(offer);
            try
            {
                receiving.TrySetResult(await offer.AcceptAsync(received, new SyncProgress(receiverProgress.Enqueue)));
            }
            catch (Exception e)
            {
                receiving.TrySetException(e);
            }
        };

        var senderProgress = new ConcurrentQueue<FileTransferProgress>();
        var sent = await pair.AliceInvitations!.SendFileAsync(new MemoryStream(data), "random.bin", data.Length, new SyncProgress(senderProgress.Enqueue));
        var result = await receiving.Within();

        var offer = await offered.Within();
        Assert.Equal("alice@example.com", offer.Sender);
        Assert.Equal("random.bin", offer.FileName);
        Assert.Equal(data.Length, offer.FileSize);
        Assert.Equal(senderListens ? null : false, offer.Invitation!.CanAcceptConnections);
        Assert.Equal(data.Length, sent.Size);
        Assert.Equal(data.Length, result.Size);
        Assert.Equal(TestStreams.Sha256(data), TestStreams.Sha256(received.ToArray()));
        Assert.Equal(data.Length, senderProgress.Last().BytesTransferred);
        Assert.Equal(data.Length, receiverProgress.Last().BytesTransferred);
        Assert.Equal(data.Length, receiverProgress.Last().TotalBytes);
    }

    [Fact]
    public async Task An_empty_file_is_transferred()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), TransferPair.Options());
        var receiving = AcceptInto(pair, new MemoryStream(), out var received);

        var sent = await pair.AliceInvitations!.SendFileAsync(new MemoryStream(), "empty.txt", 0);

        Assert.Equal(0, sent.Size);
        Assert.Equal(0, (await receiving.Within()).Size);
        Assert.Equal(0, received.Length);
    }

    [Fact]
    public async Task A_declined_offer_fails_the_sender_with_reject()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), TransferPair.Options());
        pair.BobInvitations!.FileOffered += async (_, offer) => await offer.DeclineAsync();

        var error = await Assert.ThrowsAsync<FileTransferException>(() => pair.AliceInvitations!.SendFileAsync(new MemoryStream([1, 2, 3]), "x.bin", 3));

        Assert.Equal(FileTransferFailure.Declined, error.Failure);
        Assert.Equal("REJECT", error.CancelCode);
    }

    [Fact]
    public async Task The_receiver_cancels_mid_transfer_with_ccl()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), TransferPair.Options());
        using var cancel = new CancellationTokenSource();
        var gate = new GateStream(new MemoryStream(), 100_000);
        var receiving = AcceptInto(pair, gate, out _, cancel.Token);
        var sending = pair.AliceInvitations!.SendFileAsync(new MemoryStream(new byte[8 * 1024 * 1024]), "big.bin", 8 * 1024 * 1024);

        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();

        var atReceiver = await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within());
        Assert.Equal(FileTransferFailure.Cancelled, atReceiver.Failure);
        var atSender = await Assert.ThrowsAsync<FileTransferException>(() => sending.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(FileTransferFailure.CancelledByPeer, atSender.Failure);
    }

    [Fact]
    public async Task The_sender_cancels_mid_transfer_with_a_cancel_block()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), TransferPair.Options());
        using var cancel = new CancellationTokenSource();
        var receiving = AcceptInto(pair, new MemoryStream(), out var received);
        var gate = new GateStream(new MemoryStream(new byte[8 * 1024 * 1024]), 300_000);
        var sending = pair.AliceInvitations!.SendFileAsync(gate, "big.bin", 8 * 1024 * 1024, cancellationToken: cancel.Token);

        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();

        var atSender = await Assert.ThrowsAsync<FileTransferException>(() => sending.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(FileTransferFailure.Cancelled, atSender.Failure);
        var atReceiver = await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within());
        Assert.Equal(FileTransferFailure.CancelledByPeer, atReceiver.Failure);
        Assert.InRange(received.Length, 1, (8 * 1024 * 1024) - 1);
    }

    [Fact]
    public async Task Other_invitation_types_reach_the_application_which_can_decline_them()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), TransferPair.Options());
        var atBob = new TaskCompletionSource<InvitationReceivedEventArgs>();
        pair.BobInvitations!.InvitationReceived += (_, e) => atBob.TrySetResult(e);
        var atAlice = new TaskCompletionSource<InvitationReceivedEventArgs>();
        pair.AliceInvitations!.InvitationReceived += (_, e) => atAlice.TrySetResult(e);

        await pair.AliceInvitations.SendAsync(Invitation.Invite("NetMeeting", "{44BBA842-CC51-11CF-AAFA-00AA00B6015C}", "555", [new(InvitationFields.SessionProtocol, "SM1")]));
        var invite = await atBob.Within();
        Assert.Equal("alice@example.com", invite.Sender);
        Assert.Equal("NetMeeting", invite.Invitation.ApplicationName);
        Assert.Equal("SM1", invite.Invitation.SessionProtocol);
        await invite.DeclineAsync(InvitationCancelCode.RejectNotInstalled);

        var answer = await atAlice.Within();
        Assert.Equal(InvitationCommand.Cancel, answer.Invitation.Command);
        Assert.Equal("555", answer.Invitation.Cookie);
        Assert.Equal(InvitationCancelCode.RejectNotInstalled, answer.Invitation.CancelCode);
    }

    [Fact]
    public async Task An_unhandled_invitation_is_declined_not_left_waiting()
    {
        await using var pair = await TransferPair.StartAsync(alice: null, TransferPair.Options());

        await pair.Alice.SendRawAsync(Invitation.Invite("Voice", "{02D3C01F-BF30-4825-A83A-DE7AF41648AA}", "77").ToMimeMessage(), Conversations.AckMode.Acknowledged);

        var answer = TransferPair.Next(pair.AliceInbox);
        Assert.Equal(InvitationCommand.Cancel, answer.Command);
        Assert.Equal("77", answer.Cookie);
        Assert.Equal(InvitationCancelCode.RejectNotInstalled, answer.CancelCode);
    }

    [Fact]
    public async Task An_offer_above_the_receive_limit_is_refused()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), TransferPair.Options() with { MaxReceiveSize = 10 });
        var receiving = AcceptInto(pair, new MemoryStream(), out _);

        var atSender = await Assert.ThrowsAsync<FileTransferException>(() => pair.AliceInvitations!.SendFileAsync(new MemoryStream(new byte[11]), "a.bin", 11));

        Assert.Equal(FileTransferFailure.Declined, atSender.Failure);
        Assert.Equal(FileTransferFailure.TooLarge, (await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within())).Failure);
    }

    internal static Task<FileTransferResult> AcceptInto(TransferPair pair, Stream destination, out Stream received, CancellationToken cancellationToken = default)
    {
        received = destination;
        var result = new TaskCompletionSource<FileTransferResult>();
        pair.BobInvitations!.FileOffered += async (_, offer) =>
        {
            try
            {
                result.TrySetResult(await offer.AcceptAsync(destination, cancellationToken: cancellationToken));
            }
            catch (Exception e)
            {
                result.TrySetException(e);
            }
        };
        return result.Task;
    }

    /// <summary>Reports on the calling thread, so the last report is in the queue when the transfer completes.</summary>
    private sealed class SyncProgress(Action<FileTransferProgress> report) : IProgress<FileTransferProgress>
    {
        public void Report(FileTransferProgress value) => report(value);
    }
}
