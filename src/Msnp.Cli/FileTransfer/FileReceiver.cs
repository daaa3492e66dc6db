using System.Collections.Concurrent;
using System.Globalization;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.FileTransfer;

/// <summary>
/// <c>listen --accept-files DIR</c>: accepts every offered file into the folder under a cleaned,
/// unique name, and reports each saved file as one JSON line. Other applications' invitations are
/// declined as not installed; partial files are deleted.
/// </summary>
internal sealed class FileReceiver(string directory, FileTransferOptions options, Action<string> line, Action<string> warning, CancellationToken cancellationToken)
{
    // Cancelled when listen ends, so a transfer still running stops and deletes its partial file.
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private readonly ConcurrentDictionary<Task, byte> _receiving = new();

    /// <summary>Attempts at "name (n).ext" before giving up on a crowded folder.</summary>
    private const int MaxNameAttempts = 1000;

    public void Attach(Conversation conversation, string account)
    {
        var invitations = new ConversationInvitations(conversation, account, options);

        // MSN 6+ peers offer files over P2P, older ones by invitation (MSNFTP): both land here.
        conversation.PeerToPeer.FileTransferOptions = options;
        invitations.FileOffered += OnOffer;
        conversation.PeerToPeer.FileOffered += OnOffer;
        invitations.InvitationReceived += async (_, e) =>
        {
            if (e.Invitation.Command != InvitationCommand.Invite || e.Invitation.Cookie is null)
            {
                return;
            }

            warning($"declined {e.Invitation.ApplicationName ?? "an application"} invitation from {e.Sender}.");
            try
            {
                await e.DeclineAsync(e.Invitation.IsFileTransfer ? InvitationCancelCode.Reject : InvitationCancelCode.RejectNotInstalled, Stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (Sessions.SessionFailure.IsExpected(ex))
            {
            }
        };
    }

    private async void OnOffer(object? sender, FileOfferedEventArgs offer)
    {
        try
        {
            var receiving = ReceiveAsync(offer);
            _receiving.TryAdd(receiving, 0);
            try
            {
                await receiving.ConfigureAwait(false);
            }
            finally
            {
                _receiving.TryRemove(receiving, out byte _);
            }
        }
        catch (Exception e) when (Sessions.SessionFailure.IsExpected(e) || e is UnauthorizedAccessException or FileTransferException)
        {
            warning($"receiving {offer.FileName} from {offer.Sender} failed: {e.Message}");
        }
    }

    /// <summary>Stops transfers still running and waits (boundedly) until each has removed its partial file.</summary>
    public async Task ShutdownAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_receiving.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or FileTransferException or IOException)
        {
            // Each receive reports its own failure; here only its cleanup is awaited.
        }
    }

    private CancellationToken Stop => _stop.Token;

    private async Task ReceiveAsync(FileOfferedEventArgs offer)
    {
        if (offer.FileSize > options.MaxReceiveSize)
        {
            // The library declines it with the right code; nothing is created on disk for an offer
            // that cannot be taken, so no partial file can outlive the process.
            try
            {
                await offer.AcceptAsync(Stream.Null, null, Stop).ConfigureAwait(false);
            }
            catch (FileTransferException e)
            {
                warning($"declined {offer.FileName} from {offer.Sender}: {e.Message}");
            }

            return;
        }

        FileStream file;
        try
        {
            Directory.CreateDirectory(directory);
            file = CreateUnique(SafeFileName.From(offer.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warning($"cannot save {offer.FileName} from {offer.Sender}: {e.Message}");
            await offer.DeclineAsync(CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var path = file.Name;
        var saved = false;
        try
        {
            var hashing = new HashingStream(file);
            await using (hashing.ConfigureAwait(false))
            {
                var result = await TerminalProgress.RunAsync(
                    $"{Path.GetFileName(path)} from {offer.Sender}",
                    offer.FileSize,
                    progress => offer.AcceptAsync(hashing, progress, Stop)).ConfigureAwait(false);
                saved = true;
                line(FileJsonWriter.Format("from", offer.Sender, offer.FileName, path, result.Size, hashing.HashHex(), result.Elapsed.TotalSeconds, offer.Method == FileTransferMethod.PeerToPeer ? "p2p" : "msnftp"));
            }
        }
        catch (FileTransferException e)
        {
            warning($"receiving {offer.FileName} from {offer.Sender} failed, {Sessions.FailureWords.Describe(e.Failure)}: {e.Message}");
        }
        finally
        {
            await file.DisposeAsync().ConfigureAwait(false);
            if (!saved)
            {
                File.Delete(path);
            }
        }
    }

    private FileStream CreateUnique(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var attempt = 0; ; attempt++)
        {
            var candidate = attempt == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{stem} ({attempt}){extension}");
            try
            {
                return new FileStream(Path.Combine(directory, candidate), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            }
            catch (IOException) when (attempt < MaxNameAttempts && File.Exists(Path.Combine(directory, candidate)))
            {
            }
        }
    }
}
