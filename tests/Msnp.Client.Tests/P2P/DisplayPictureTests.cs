using Msnp.Client.Events;
using Msnp.Client.P2P;
using Msnp.Client.Tests.FileTransfer;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.P2P;

namespace Msnp.Client.Tests.P2P;

public sealed class DisplayPictureTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("msnp-pictures-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task Each_side_fetches_the_others_picture_verified_by_sha1d()
    {
        var alicePicture = TestPictures.Png(5000, seed: 1);
        var bobPicture = TestPictures.Png(1500, seed: 2);
        await using var pair = await P2PPair.StartAsync(alicePicture, bobPicture);

        var fromAlice = await pair.Bob.PeerToPeer.GetDisplayPictureAsync(P2PPair.AliceAccount, alicePicture.MsnObjectFor(P2PPair.AliceAccount)).Within();
        var fromBob = await pair.Alice.PeerToPeer.GetDisplayPictureAsync(P2PPair.BobAccount, bobPicture.MsnObjectFor(P2PPair.BobAccount)).Within();

        Assert.Equal(alicePicture.Data.ToArray(), fromAlice);
        Assert.Equal(bobPicture.Data.ToArray(), fromBob);
        Assert.Equal(0, pair.Alice.PeerToPeer.OpenSessions);
        Assert.Equal(0, pair.Bob.PeerToPeer.OpenSessions);
    }

    [Fact]
    public async Task The_msnobject_reaches_contacts_in_presence_and_a_second_fetch_comes_from_the_cache()
    {
        var alicePicture = TestPictures.Png(3000);
        await using var pair = await P2PPair.StartAsync(alicePicture);
        var announced = new TaskCompletionSource<PresenceChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.BobClient.Contacts.PictureAnnounced += (_, e) => announced.TrySetResult(e);

        await pair.BobClient.AddContactAsync(ListKind.Forward, P2PPair.AliceAccount);
        await pair.AliceClient.SetStatusAsync(PresenceStatus.Away);
        var presence = await announced.Task.Within();

        var expected = alicePicture.MsnObjectFor(P2PPair.AliceAccount);
        Assert.Equal(P2PPair.AliceAccount, presence.Account);
        Assert.Equal(expected, presence.MsnObject);
        Assert.Equal(expected, pair.BobClient.Contacts.PictureOf(P2PPair.AliceAccount));
        Assert.Equal(1, pair.BobClient.Contacts.ClientIdOf(P2PPair.AliceAccount)!.Value.MsncVersion);
        Assert.Equal(Msnp.Client.FileTransfer.FileTransferMethod.PeerToPeer, pair.BobClient.Contacts.ChooseFileTransfer(P2PPair.AliceAccount));

        var cache = new DisplayPictureCache(_cache);
        var (first, firstCached) = await cache.GetOrFetchAsync(pair.Bob.PeerToPeer, P2PPair.AliceAccount, expected).Within();
        var (second, secondCached) = await cache.GetOrFetchAsync(pair.Bob.PeerToPeer, P2PPair.AliceAccount, expected).Within();

        Assert.False(firstCached);
        Assert.True(secondCached);
        Assert.Equal(alicePicture.Data.ToArray(), first);
        Assert.Equal(first, second);
        Assert.True(File.Exists(Path.Combine(_cache, expected.Sha1DHex)));
    }

    [Fact]
    public async Task A_request_for_a_picture_the_peer_does_not_have_is_declined()
    {
        await using var pair = await P2PPair.StartAsync(TestPictures.Png(2000, seed: 1));
        var other = TestPictures.Png(2000, seed: 9).MsnObjectFor(P2PPair.AliceAccount);

        var error = await Assert.ThrowsAsync<P2PException>(() => pair.Bob.PeerToPeer.GetDisplayPictureAsync(P2PPair.AliceAccount, other));

        Assert.Equal(P2PFailure.Declined, error.Failure);
    }

    [Fact]
    public async Task A_tampered_msnobject_is_refused_before_anything_is_sent()
    {
        await using var pair = await P2PPair.StartAsync(TestPictures.Png(2000));
        var tampered = TestPictures.Png(2000).MsnObjectFor(P2PPair.AliceAccount) with { Size = 1999 };

        var error = await Assert.ThrowsAsync<P2PException>(() => pair.Bob.PeerToPeer.GetDisplayPictureAsync(P2PPair.AliceAccount, tampered));

        Assert.Equal(P2PFailure.VerificationFailed, error.Failure);
        Assert.Equal(0, pair.Bob.PeerToPeer.OpenSessions);
    }

    [Fact]
    public async Task Pictures_that_are_not_png_jpeg_or_gif_or_too_big_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => DisplayPicture.FromBytes([1, 2, 3, 4]));
        Assert.Throws<InvalidDataException>(() => DisplayPicture.FromBytes([]));
        Assert.Throws<InvalidDataException>(() => DisplayPicture.FromBytes([.. "GIF89a"u8, .. new byte[DisplayPicture.MaxSize]]));
        Assert.Equal("gif", DisplayPicture.FromBytes([.. "GIF89a"u8, 0]).Format);
        Assert.Equal("jpeg", DisplayPicture.FromBytes([0xFF, 0xD8, 0xFF, 0xE0]).Format);
        await Task.CompletedTask;
    }
}
