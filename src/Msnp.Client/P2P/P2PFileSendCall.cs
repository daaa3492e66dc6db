using Msnp.Client.FileTransfer;
using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// Sending a file over P2P (Pidgin <c>slp.c</c> <c>msn_request_ft</c>, <c>send_file_cb</c>): INVITE
/// with the file-transfer EUF-GUID, AppID 2 and the base64 file context; after 200 OK one data
/// message (flags 0x1000030, footer 2) in 1202-byte chunks, a window of them in flight; done when
/// the receiver's P2P ACK of the whole message arrives. Cancelling (or a failure) sends BYE.
/// </summary>
internal sealed class P2PFileSendCall(P2PLink link, string peer) : SlpCall(link, peer, P2PLink.NewGuid(), P2PLink.NewSessionId())
{
    public override void OnPacket(in P2PPacket packet)
    {
        var header = packet.Header;
        if ((header.Flags & P2PFlags.Close) != 0)
        {
            Close(new P2PException(P2PFailure.CancelledByPeer, $"{Peer} closed the session."));
        }
        else if (header.IsControl && header.IsFinal)
        {
            Link.SendAck(Peer, header);
        }
    }

    public static async Task<FileTransferResult> RunAsync(
        P2PLink link, string peer, Stream source, string fileName, long size, IProgress<FileTransferProgress>? progress, CancellationToken cancellationToken)
    {
        var options = link.FileTransferOptions;
        var call = new P2PFileSendCall(link, peer);
        try
        {
            link.Register(call);
        }
        catch (P2PException e)
        {
            throw new FileTransferException(FileTransferFailure.ProtocolError, e.Message, e);
        }

        var meter = new ProgressMeter(size, progress, options.ProgressInterval);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.PeerClosed);
        var token = linked.Token;
        var accepted = false;
        try
        {
            var context = Convert.ToBase64String(new P2PFileContext(fileName, (ulong)size).ToBytes());
            var body = SlpMessage.SessionRequestBody(SlpConstants.FileTransferGuid, call.SessionId, P2PAppId.FileTransfer, context);
            var invite = SlpMessage.Request("INVITE", peer, peer, link.Self, call.Branch, 0, call.CallId, SlpConstants.SessionRequestBody, body);
            var acked = link.SendSlpAsync(peer, invite, awaitAck: true);
            if (await link.WaitForAckAsync(acked, link.Options.AckTimeout, token).ConfigureAwait(false) is null)
            {
                throw new FileTransferException(FileTransferFailure.NotSupported, $"{peer} did not acknowledge the P2P invitation within {link.Options.AckTimeout.TotalSeconds:0.#} s; it does not speak MSNC P2P.");
            }

            SlpMessage answer;
            try
            {
                answer = await call.Answer.WaitAsync(options.AnswerTimeout, link.Options.TimeProvider, token).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new FileTransferException(FileTransferFailure.TimedOut, $"{peer} did not answer the offer within {options.AnswerTimeout.TotalSeconds:0.#} s.", e);
            }

            if (answer.StatusCode != 200)
            {
                call.Finished = true;
                throw new FileTransferException(FileTransferFailure.Declined, $"{peer} declined the file ({answer.StatusCode} {answer.Reason}).") { CancelCode = answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            accepted = true;
            await SendDataAsync(link, call, source, size, meter, token).ConfigureAwait(false);
            call.Finished = true;
            return new FileTransferResult(fileName, size, meter.Elapsed);
        }
        catch (Exception e) when (e is not FileTransferException || ((FileTransferException)e).Failure is not (FileTransferFailure.Declined or FileTransferFailure.NotSupported))
        {
            var peerFailure = call.PeerFailure;
            call.Finished = true;
            if (peerFailure is null && e is not FileTransferException { Failure: FileTransferFailure.NotSupported })
            {
                _ = link.SendByeAsync(call);
            }

            throw Translate(e, peerFailure, cancellationToken, accepted);
        }
        finally
        {
            link.Unregister(call);
        }
    }

    private static async Task SendDataAsync(P2PLink link, P2PFileSendCall call, Stream source, long size, ProgressMeter meter, CancellationToken token)
    {
        var options = link.FileTransferOptions;
        var dataId = link.NextId();
        var ackId = (uint)Random.Shared.Next();
        var dataAck = link.ExpectAck(dataId);
        var inFlight = new Queue<(Task Sent, int Length)>();
        meter.Start();
        long offset = 0;
        do
        {
            var chunk = new byte[(int)Math.Min(P2PPacket.MaxChunkSize, size - offset)];
            var read = chunk.Length == 0 ? 0 : await source.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
            if (read < chunk.Length)
            {
                throw new FileTransferException(FileTransferFailure.SizeMismatch, $"The file ended after {offset + read} of {size} bytes.");
            }

            var header = new P2PHeader(call.SessionId, dataId, (ulong)offset, (ulong)size, (uint)chunk.Length, P2PFlags.FileData, ackId, 0, 0);
            inFlight.Enqueue((link.SendPacketAsync(call.Peer, header, chunk, (uint)P2PAppId.FileTransfer, token), chunk.Length));
            offset += chunk.Length;
            if (inFlight.Count >= link.Options.SendWindow)
            {
                var (sent, length) = inFlight.Dequeue();
                await sent.ConfigureAwait(false);
                meter.Add(length);
            }
        }
        while (offset < size);

        while (inFlight.TryDequeue(out var pending))
        {
            await pending.Sent.ConfigureAwait(false);
            meter.Add(pending.Length);
        }

        if (await link.WaitForAckAsync(dataAck, options.StallTimeout, token).ConfigureAwait(false) is null)
        {
            throw new FileTransferException(FileTransferFailure.TimedOut, $"{call.Peer} did not confirm the data within {options.StallTimeout.TotalSeconds:0.#} s.");
        }

        meter.Stop();
    }

    private static FileTransferException Translate(Exception e, P2PException? peerFailure, CancellationToken cancellationToken, bool accepted)
    {
        if (peerFailure is not null)
        {
            var failure = peerFailure.Failure switch
            {
                P2PFailure.ConnectionFailed => FileTransferFailure.ConnectionFailed,
                P2PFailure.ProtocolError => FileTransferFailure.ProtocolError,
                _ => accepted ? FileTransferFailure.CancelledByPeer : FileTransferFailure.Declined,
            };
            return new FileTransferException(failure, peerFailure.Message, e);
        }

        return e switch
        {
            FileTransferException transfer => transfer,
            OperationCanceledException when cancellationToken.IsCancellationRequested => new FileTransferException(FileTransferFailure.Cancelled, "The transfer was cancelled; the receiver was told (BYE).", e),
            TimeoutException => new FileTransferException(FileTransferFailure.TimedOut, e.Message, e),
            P2PException p2p => new FileTransferException(FileTransferFailure.ConnectionFailed, p2p.Message, e),
            _ => new FileTransferException(FileTransferFailure.ConnectionFailed, e.Message, e),
        };
    }
}
