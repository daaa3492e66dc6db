using Msnp.Client.FileTransfer;
using Msnp.Client.P2P;
using Msnp.Client.Tests.FileTransfer;

namespace Msnp.Client.Tests.P2P;

public sealed class FileTransferChooserTests
{
    [Fact]
    public async Task A_peer_that_ignores_p2p_gets_the_file_over_msnftp_instead()
    {
        await using var pair = await P2PPair.StartAsync();

        // Bob plays an MSN 5 era client: no P2P layer, only invitations (MSNFTP).
        pair.Bob.PeerToPeer.Dispose();
        using var bobInvitations = new ConversationInvitations(pair.Bob, P2PPair.BobAccount, TransferPair.Options());
        using var aliceInvitations = new ConversationInvitations(pair.Alice, P2PPair.AliceAccount, TransferPair.Options());
        var received = new MemoryStream();
        var receiving = new TaskCompletionSource<FileTransferResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bobInvitations.FileOffered += async (_, offer) => receiving.TrySetResult(await offer.AcceptAsync(received));
        pair.Alice.PeerToPeer.Options = new P2POptions { AckTimeout = TimeSpan.FromSeconds(2) };
        var data = TestStreams.RandomBytes(100_000);

        var (result, method) = await FileTransferChooser.SendAsync(pair.AliceClient, pair.Alice, aliceInvitations, P2PPair.BobAccount, new MemoryStream(data), "old.bin", data.Length, FileTransferMethod.Auto).Within();

        Assert.Equal(FileTransferMethod.Msnftp, method);
        Assert.Equal(data.Length, result.Size);
        await receiving.Task.Within();
        Assert.Equal(TestStreams.Sha256(data), TestStreams.Sha256(received.ToArray()));
    }

    [Fact]
    public async Task Forcing_p2p_against_such_a_peer_fails_as_not_supported()
    {
        await using var pair = await P2PPair.StartAsync();
        pair.Bob.PeerToPeer.Dispose();
        using var aliceInvitations = new ConversationInvitations(pair.Alice, P2PPair.AliceAccount, TransferPair.Options());
        pair.Alice.PeerToPeer.Options = new P2POptions { AckTimeout = TimeSpan.FromSeconds(2) };

        var error = await Assert.ThrowsAsync<FileTransferException>(() => FileTransferChooser.SendAsync(pair.AliceClient, pair.Alice, aliceInvitations, P2PPair.BobAccount, new MemoryStream([1]), "x.bin", 1, FileTransferMethod.PeerToPeer));

        Assert.Equal(FileTransferFailure.NotSupported, error.Failure);
        Assert.Equal(0, pair.Alice.PeerToPeer.OpenSessions);
    }
}
