using System.Globalization;
using System.Threading.Channels;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// Receiving a file the peer offered over P2P: 200 OK, then the data message (flags 0x1000030,
/// the session id) in chunks whose offsets must follow each other exactly and stay within the
/// offered size, written to the destination in order; BYE when complete or cancelled. A chunk
/// that lies about offsets or sizes ends the session with <see cref="FileTransferFailure.ProtocolError"/>.
/// </summary>
internal sealed class P2PFileReceiveCall : SlpCall
{
    /// <summary>Chunks queued between the dispatcher and the writer (≈ 1.2 MB).</summary>
    private const int QueueCapacity = 1024;

    private readonly SlpMessage _invite;
    private readonly long _size;
    private readonly Channel<byte[]> _chunks = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true });
    private long _received;
    private uint? _dataId;
    private int _answered;
    private Task _finalAck = Task.CompletedTask;

    public P2PFileReceiveCall(P2PLink link, string peer, SlpMessage invite, uint sessionId, long size)
        : base(link, peer, invite.CallId!, sessionId)
    {
        _invite = invite;
        _size = size;
        Branch = invite.Branch!;
    }

    public async Task DeclineAsync()
    {
        MarkAnswered();
        Link.Decline(Peer, _invite, SessionId);
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async Task<FileTransferResult> AcceptAsync(string fileName, Stream destination, IProgress<FileTransferProgress>? progress, CancellationToken cancellationToken)
    {
        MarkAnswered();
        var options = Link.FileTransferOptions;
        if (_size > options.MaxReceiveSize)
        {
            Link.Decline(Peer, _invite, SessionId);
            throw new FileTransferException(
                FileTransferFailure.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The offered file has {_size} bytes; at most {options.MaxReceiveSize} are accepted."));
        }

        try
        {
            Link.Register(this);
        }
        catch (P2PException e)
        {
            Link.Decline(Peer, _invite, SessionId);
            throw new FileTransferException(FileTransferFailure.ProtocolError, e.Message, e);
        }

        var meter = new ProgressMeter(_size, progress, options.ProgressInterval);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, PeerClosed);
        using var stall = new CancellationTokenSource(options.StallTimeout, Link.Options.TimeProvider);
        using var any = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, stall.Token);
        try
        {
            Link.Respond(Peer, _invite, 200, "OK", SlpConstants.SessionRequestBody, SlpMessage.SessionIdBody(SessionId));
            meter.Start();
            await foreach (var chunk in _chunks.Reader.ReadAllAsync(any.Token).ConfigureAwait(false))
            {
                await destination.WriteAsync(chunk, any.Token).ConfigureAwait(false);
                meter.Add(chunk.Length);
                stall.CancelAfter(options.StallTimeout);
            }

            if (PeerFailure is { } failure)
            {
                throw failure;
            }

            await destination.FlushAsync(any.Token).ConfigureAwait(false);
            meter.Stop();
            Finished = true;

            // Complete only once the ACK (what the sender waits for) and our BYE are on the wire,
            // so a caller that closes the conversation right after does not swallow them.
            // Best effort: every byte is here, so a sender that already left (the switchboard NAKs
            // the BYE) does not turn the transfer into a failure.
            await SettleAsync(_finalAck, options.StallTimeout).ConfigureAwait(false);
            await SettleAsync(Link.SendByeAsync(this), Link.Options.AckTimeout).ConfigureAwait(false);
            return new FileTransferResult(fileName, _size, meter.Elapsed);
        }
        catch (Exception e) when (e is OperationCanceledException or P2PException or IOException or ChannelClosedException)
        {
            var wasPeer = PeerFailure is not null;
            Finished = true;
            if (!wasPeer || PeerFailure!.Failure == P2PFailure.ProtocolError)
            {
                _ = Link.SendByeAsync(this);
            }

            throw Translate(e, cancellationToken, stall.IsCancellationRequested);
        }
        finally
        {
            Link.Unregister(this);
        }
    }

    public override void OnPacket(in P2PPacket packet)
    {
        if (!IsDataToReceive(packet))
        {
            return;
        }

        var header = packet.Header;

        string? lie = null;
        if (header.TotalSize != (ulong)_size)
        {
            lie = $"announced {header.TotalSize} bytes of data for a {_size}-byte file";
        }
        else if (_dataId is { } id && header.Id != id)
        {
            lie = $"started a second data message ({header.Id}) in the session";
        }
        else if (header.Offset != (ulong)_received)
        {
            lie = header.Offset < (ulong)_received
                ? $"sent a chunk at offset {header.Offset} overlapping the {_received} bytes already received"
                : $"sent a chunk at offset {header.Offset} leaving a gap after {_received} bytes";
        }

        if (lie is not null)
        {
            var failure = new P2PException(P2PFailure.ProtocolError, $"{Peer} {lie}; the transfer was ended.");
            Link.ReportError(Peer, failure.Message);
            Close(failure);
            _chunks.Writer.TryComplete();
            return;
        }

        _dataId = header.Id;
        _received += header.Length;
        var copy = packet.Data.ToArray();
        if (!_chunks.Writer.TryWrite(copy))
        {
            // The writer is behind: hold the dispatcher (the inbound queue absorbs the rest) rather than drop data.
            try
            {
                _chunks.Writer.WriteAsync(copy, PeerClosed).AsTask().Wait(Link.FileTransferOptions.StallTimeout);
            }
            catch (AggregateException)
            {
            }
        }

        if (header.IsFinal)
        {
            _finalAck = Link.SendAck(Peer, header);
            _chunks.Writer.TryComplete();
        }
    }

    private async Task SettleAsync(Task sending, TimeSpan timeout)
    {
        try
        {
            await sending.WaitAsync(timeout, Link.Options.TimeProvider).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or P2PException)
        {
        }
    }

    private FileTransferException Translate(Exception e, CancellationToken cancellationToken, bool stalled)
    {
        if (PeerFailure is { } peer)
        {
            return new FileTransferException(peer.Failure == P2PFailure.ProtocolError ? FileTransferFailure.ProtocolError : FileTransferFailure.CancelledByPeer, peer.Message, e);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new FileTransferException(FileTransferFailure.Cancelled, "The transfer was cancelled; the sender was told (BYE).", e);
        }

        return stalled
            ? new FileTransferException(FileTransferFailure.TimedOut, $"No data arrived for {Link.FileTransferOptions.StallTimeout.TotalSeconds:0.#} s.", e)
            : new FileTransferException(FileTransferFailure.ConnectionFailed, e.Message, e);
    }

    private void MarkAnswered()
    {
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            throw new InvalidOperationException("This offer was already answered.");
        }
    }
}
