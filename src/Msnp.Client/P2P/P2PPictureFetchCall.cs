using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// Fetching a contact's display picture (Pidgin <c>slplink.c</c> <c>msn_slplink_request_object</c>):
/// INVITE with the MSNObject EUF-GUID, AppID 1 and the base64 object as context; 200 OK; a data
/// preparation message; the picture as one data message (flag 0x20) whose total must equal the
/// object's Size; then BYE. The bytes are returned only when their SHA-1 matches SHA1D.
/// </summary>
internal sealed class P2PPictureFetchCall(P2PLink link, string peer, MsnObject picture)
    : SlpCall(link, peer, P2PLink.NewGuid(), P2PLink.NewSessionId())
{
    private readonly byte[] _buffer = new byte[picture.Size];
    private readonly TaskCompletionSource<byte[]> _data = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _received;
    private uint? _dataId;

    public override void OnPacket(in P2PPacket packet)
    {
        if (!IsDataToReceive(packet))
        {
            return;
        }

        var header = packet.Header;

        string? lie = header.TotalSize != (ulong)_buffer.Length ? $"announced {header.TotalSize} bytes for a {_buffer.Length}-byte picture"
            : _dataId is { } id && id != header.Id ? "started a second data message"
            : header.Offset != (ulong)_received ? $"sent a chunk at offset {header.Offset} after {_received} bytes"
            : null;
        if (lie is not null)
        {
            var failure = new P2PException(P2PFailure.ProtocolError, $"{Peer} {lie}; the request was ended.");
            Link.ReportError(Peer, failure.Message);
            Close(failure);
            return;
        }

        _dataId = header.Id;
        packet.Data.Span.CopyTo(_buffer.AsSpan(_received));
        _received += packet.Data.Length;
        if (header.IsFinal)
        {
            Link.SendAck(Peer, header);
            _data.TrySetResult(_buffer);
        }
    }

    public static async Task<byte[]> RunAsync(P2PLink link, string peer, MsnObject picture, CancellationToken cancellationToken)
    {
        if (picture.Size <= 0 || picture.Size > link.Options.MaxPictureSize)
        {
            throw new P2PException(P2PFailure.ProtocolError, $"The picture's MSNObject announces {picture.Size} bytes; at most {link.Options.MaxPictureSize} are fetched.");
        }

        if (!picture.HasValidSha1C)
        {
            throw new P2PException(P2PFailure.VerificationFailed, "The picture's MSNObject has a SHA1C that does not match its fields.");
        }

        var call = new P2PPictureFetchCall(link, peer, picture);
        link.Register(call);
        using var deadline = new CancellationTokenSource(link.Options.PictureTimeout, link.Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.PeerClosed, deadline.Token);
        var token = linked.Token;
        try
        {
            var context = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(picture.ToString()));
            var body = SlpMessage.SessionRequestBody(SlpConstants.MsnObjectGuid, call.SessionId, P2PAppId.MsnObject, context);
            var invite = SlpMessage.Request("INVITE", peer, peer, link.Self, call.Branch, 0, call.CallId, SlpConstants.SessionRequestBody, body);
            var acked = link.SendSlpAsync(peer, invite, awaitAck: true);
            if (await link.WaitForAckAsync(acked, link.Options.AckTimeout, token).ConfigureAwait(false) is null)
            {
                throw new P2PException(P2PFailure.NotSupported, $"{peer} did not acknowledge the picture request; it does not speak MSNC P2P.");
            }

            var answer = await call.Answer.WaitAsync(token).ConfigureAwait(false);
            if (answer.StatusCode != 200)
            {
                call.Finished = true;
                throw new P2PException(P2PFailure.Declined, $"{peer} declined the picture request ({answer.StatusCode} {answer.Reason}).");
            }

            var data = await call._data.Task.WaitAsync(token).ConfigureAwait(false);
            call.Finished = true;

            // The BYE follows the data's ACK in the send queue: once it is out, both are.
            try
            {
                await link.SendByeAsync(call).WaitAsync(link.Options.AckTimeout, link.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or P2PException)
            {
                // The picture is here; a peer that already left cannot be told.
            }
            if (!picture.Describes(data))
            {
                throw new P2PException(P2PFailure.VerificationFailed, $"The picture {peer} sent does not match its MSNObject's SHA1D.");
            }

            return data;
        }
        catch (Exception e) when (e is OperationCanceledException or P2PException { Failure: P2PFailure.CancelledByPeer or P2PFailure.ConnectionFailed })
        {
            var peerFailure = call.PeerFailure;
            call.Finished = true;
            if (peerFailure is null)
            {
                _ = link.SendByeAsync(call);
            }

            throw peerFailure is not null ? new P2PException(peerFailure.Failure, peerFailure.Message, e)
                : cancellationToken.IsCancellationRequested ? new P2PException(P2PFailure.Cancelled, "The picture request was cancelled.", e)
                : new P2PException(P2PFailure.TimedOut, $"{peer} did not send the picture within {link.Options.PictureTimeout.TotalSeconds:0.#} s.", e);
        }
        finally
        {
            link.Unregister(call);
        }
    }
}
