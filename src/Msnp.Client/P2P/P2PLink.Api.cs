using Msnp.Client.FileTransfer;
using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>What an application asks of the P2P layer: files out, pictures in.</summary>
public sealed partial class P2PLink
{
    /// <summary>
    /// Offers <paramref name="size"/> bytes of <paramref name="source"/> to <paramref name="peer"/> over P2P and
    /// sends them once accepted; completes when the receiver acknowledged the whole data message.
    /// </summary>
    /// <exception cref="FileTransferException">Declined, not supported by the peer (<see cref="FileTransferFailure.NotSupported"/>), cancelled, timed out or broken.</exception>
    public Task<FileTransferResult> SendFileAsync(string peer, Stream source, string fileName, long size, IProgress<FileTransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(peer);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return P2PFileSendCall.RunAsync(this, peer, source, fileName, size, progress, cancellationToken);
    }

    /// <summary>Fetches the picture <paramref name="picture"/> describes from <paramref name="peer"/>, verified against its SHA1D.</summary>
    /// <exception cref="P2PException">Declined, not supported, timed out, or the data does not match.</exception>
    public Task<byte[]> GetDisplayPictureAsync(string peer, MsnObject picture, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(peer);
        ArgumentNullException.ThrowIfNull(picture);
        return P2PPictureFetchCall.RunAsync(this, peer, picture, cancellationToken);
    }
}
