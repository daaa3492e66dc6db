using System.Globalization;
using Msnp.Protocol.FileTransfer;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// The receiver's half of MSNFTP on an established link, whichever side connected: <c>VER</c>,
/// <c>USR</c> with the auth cookie, check <c>FIL</c> against the offer, <c>TFR</c>, decode blocks
/// into the destination, then <c>BYE 16777989</c>.
/// </summary>
internal sealed class MsnftpReceiverSession(MsnftpLink link, string account, string authCookie, Stream destination, long size, ProgressMeter meter)
{
    /// <summary>True once the end was told in band (<c>CCL</c> or a failure <c>BYE</c>), so no invitation CANCEL is needed.</summary>
    public bool EndedInBand { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await link.WriteCommandAsync(MsnftpCommand.Ver(), cancellationToken).ConfigureAwait(false);
        var ver = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!ver.OffersMsnftp)
        {
            throw Protocol($"expected VER MSNFTP, got '{ver}'");
        }

        await link.WriteCommandAsync(MsnftpCommand.Usr(account, authCookie), cancellationToken).ConfigureAwait(false);
        var fil = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (fil.FileSize is not { } announced)
        {
            throw Protocol($"expected FIL, got '{fil}'");
        }

        if (announced != size)
        {
            await EndAsync(MsnftpCommand.Ccl()).ConfigureAwait(false);
            throw new FileTransferException(
                FileTransferFailure.SizeMismatch,
                string.Create(CultureInfo.InvariantCulture, $"The sender announced {announced} bytes but offered {size}."));
        }

        await link.WriteCommandAsync(MsnftpCommand.Tfr(), cancellationToken).ConfigureAwait(false);
        var decoder = new MsnftpBlockDecoder(size);
        meter.Start();
        try
        {
            while (!decoder.IsComplete)
            {
                var chunk = await link.ReadSomeAsync(cancellationToken).ConfigureAwait(false);
                if (chunk.IsEmpty)
                {
                    throw new FileTransferException(
                        FileTransferFailure.SizeMismatch,
                        string.Create(CultureInfo.InvariantCulture, $"The sender closed the link after {meter.Bytes} of {size} bytes."));
                }

                var count = decoder.DecodeInPlace(chunk.Span);
                await WriteAsync(chunk[..count], cancellationToken).ConfigureAwait(false);
                meter.Add(count);
                if (decoder.IsCancelled)
                {
                    throw new FileTransferException(FileTransferFailure.CancelledByPeer, "The sender cancelled (cancel block).");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await EndAsync(MsnftpCommand.Ccl()).ConfigureAwait(false);
            throw;
        }
        catch (TimeoutException)
        {
            await EndAsync(MsnftpCommand.Bye(MsnftpByeCode.TimedOut)).ConfigureAwait(false);
            throw;
        }
        catch (MsnftpProtocolException)
        {
            await EndAsync(MsnftpCommand.Ccl()).ConfigureAwait(false);
            throw;
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        meter.Stop();
        await link.WriteCommandAsync(MsnftpCommand.Bye(MsnftpByeCode.ReceivedSuccessfully), cancellationToken).ConfigureAwait(false);
        link.Shutdown();
    }

    private async Task<MsnftpCommand> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await link.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            // A sender hangs up on a wrong cookie (catalogue §7.1).
            throw new FileTransferException(FileTransferFailure.AuthenticationFailed, "The sender closed the link before FIL (wrong auth cookie?).", e);
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // The documented code closest to "cannot store it".
            await EndAsync(MsnftpCommand.Bye(MsnftpByeCode.OutOfDiskSpace)).ConfigureAwait(false);
            throw new FileTransferException(FileTransferFailure.ConnectionFailed, "Writing the received file failed: " + e.Message, e);
        }
    }

    /// <summary>Tells the sender why the link ends; best effort, the link may already be gone.</summary>
    private async Task EndAsync(MsnftpCommand command)
    {
        EndedInBand = true;
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await link.WriteCommandAsync(command, quick.Token).ConfigureAwait(false);
            link.Shutdown();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
        }
    }

    private static FileTransferException Protocol(string what) => new(FileTransferFailure.ProtocolError, "MSNFTP: " + what + ".");
}
