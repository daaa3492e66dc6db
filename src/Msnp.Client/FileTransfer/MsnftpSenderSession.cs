using Msnp.Protocol.FileTransfer;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// The sender's half of MSNFTP on an established link, whichever side connected: answer
/// <c>VER</c>, check the cookie in <c>USR</c>, announce <c>FIL</c>, stream blocks after
/// <c>TFR</c> while watching for <c>CCL</c>, then wait for <c>BYE</c>.
/// </summary>
internal sealed class MsnftpSenderSession(MsnftpLink link, string authCookie, Stream source, long size, ProgressMeter meter, TimeSpan stallTimeout)
{
    /// <summary>File bytes read from the source per socket write: 128 full blocks.</summary>
    private const int BatchBlocks = 128;

    /// <summary>True once the cancel happened in band (cancel block), so no invitation CANCEL is needed.</summary>
    public bool CancelledInBand { get; private set; }

    /// <summary>Runs the session; <paramref name="cancellationToken"/> stops it with a cancel block once streaming.</summary>
    /// <exception cref="WrongCookieException">The peer's <c>USR</c> carried another cookie; the link is closed.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ver = await link.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        if (!ver.OffersMsnftp)
        {
            throw Protocol($"expected VER MSNFTP, got '{ver}'");
        }

        await link.WriteCommandAsync(MsnftpCommand.Ver(), cancellationToken).ConfigureAwait(false);
        var usr = await link.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        if (usr.Kind != MsnftpCommandKind.Usr || !string.Equals(usr.Cookie, authCookie, StringComparison.OrdinalIgnoreCase))
        {
            // Catalogue §7.1: the sender just disconnects on a wrong cookie.
            throw new WrongCookieException();
        }

        await link.WriteCommandAsync(MsnftpCommand.Fil(size), cancellationToken).ConfigureAwait(false);
        var tfr = await link.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfEnd(tfr);
        if (tfr.Kind != MsnftpCommandKind.Tfr)
        {
            throw Protocol($"expected TFR, got '{tfr}'");
        }

        // The receiver may send CCL (or BYE) at any time; read it while writing.
        using var stopReading = new CancellationTokenSource();
        var peer = link.ReadCommandAsync(stopReading.Token, untimed: true);
        try
        {
            await StreamAsync(peer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // The receiver hung up mid-write; its last line (CCL, BYE) says why, if it sent one.
            await Task.WhenAny(peer, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
            if (!peer.IsCompletedSuccessfully)
            {
                throw new FileTransferException(FileTransferFailure.ConnectionFailed, "The receiver closed the link during the transfer.", e);
            }
        }

        try
        {
            var bye = await peer.WaitAsync(stallTimeout, cancellationToken).ConfigureAwait(false);
            ThrowIfEnd(bye, finished: meter.Bytes == size);
            if (bye.Kind != MsnftpCommandKind.Bye)
            {
                throw Protocol($"expected BYE, got '{bye}'");
            }
        }
        catch (TimeoutException)
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            throw new TimeoutException("The receiver did not confirm the file with BYE.");
        }
        catch (IOException e)
        {
            throw new FileTransferException(FileTransferFailure.ConnectionFailed, "The receiver closed the link without BYE.", e);
        }
    }

    private async Task StreamAsync(Task<MsnftpCommand> peer, CancellationToken cancellationToken)
    {
        var data = new byte[BatchBlocks * MsnftpBlock.MaxDataLength];
        var framed = new byte[BatchBlocks * (MsnftpBlock.MaxDataLength + MsnftpBlock.HeaderLength)];
        meter.Start();
        try
        {
            while (meter.Bytes < size && !peer.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var want = (int)Math.Min(data.Length, size - meter.Bytes);
                var read = await source.ReadAtLeastAsync(data.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read < want)
                {
                    await SendCancelBlockAsync().ConfigureAwait(false);
                    throw new FileTransferException(FileTransferFailure.SizeMismatch, $"The source ended after {meter.Bytes + read} of {size} bytes.");
                }

                // Never cancelled mid-write: the cancel block must land on a block boundary.
                var length = MsnftpBlock.Encode(data.AsSpan(0, read), framed);
                await link.WriteAsync(framed.AsMemory(0, length), CancellationToken.None).ConfigureAwait(false);
                meter.Add(read);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SendCancelBlockAsync().ConfigureAwait(false);
            throw;
        }

        meter.Stop();
    }

    private async Task SendCancelBlockAsync()
    {
        CancelledInBand = true;
        try
        {
            await link.WriteAsync(MsnftpBlock.Cancel.ToArray(), CancellationToken.None).ConfigureAwait(false);
            link.Shutdown();
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
        }
    }

    private static void ThrowIfEnd(MsnftpCommand command, bool finished = false)
    {
        switch (command.Kind)
        {
            case MsnftpCommandKind.Ccl:
                throw new FileTransferException(FileTransferFailure.CancelledByPeer, "The receiver cancelled (CCL).");
            case MsnftpCommandKind.Bye when command.ByeCode == (uint)MsnftpByeCode.ReceivedSuccessfully && finished:
                return;
            case MsnftpCommandKind.Bye:
                var code = (MsnftpByeCode?)command.ByeCode;
                var failure = code switch
                {
                    MsnftpByeCode.CancelledByReceiver => FileTransferFailure.CancelledByPeer,
                    MsnftpByeCode.TimedOut => FileTransferFailure.TimedOut,
                    MsnftpByeCode.ReceivedSuccessfully => FileTransferFailure.SizeMismatch,
                    _ => FileTransferFailure.ProtocolError,
                };
                throw new FileTransferException(failure, $"The receiver ended the link with BYE {command.ByeCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}.") { ByeCode = code };
            default:
                return;
        }
    }

    private static FileTransferException Protocol(string what) => new(FileTransferFailure.ProtocolError, "MSNFTP: " + what + ".");
}
