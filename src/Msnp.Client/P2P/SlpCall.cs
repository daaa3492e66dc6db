using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// One MSNSLP session (a "call") inside a <see cref="P2PLink"/>: its ids, and what to do with the
/// answers, data and BYE the peer sends. Handlers run on the conversation's dispatcher, in wire order.
/// </summary>
internal abstract class SlpCall(P2PLink link, string peer, string callId, uint sessionId)
{
    private readonly TaskCompletionSource<SlpMessage> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _peerClosed = new();

    public P2PLink Link { get; } = link;

    public string Peer { get; } = peer;

    public string CallId { get; } = callId;

    public uint SessionId { get; } = sessionId;

    /// <summary>The Via branch of the INVITE, repeated in the answer.</summary>
    public string Branch { get; init; } = Guid.NewGuid().ToString("D").ToUpperInvariant();

    /// <summary>Set once the session ended (completed, failed or closed); late packets are ignored.</summary>
    public bool Finished { get; set; }

    /// <summary>The 200 OK / 603 answer to our INVITE.</summary>
    public Task<SlpMessage> Answer => _answer.Task;

    /// <summary>Cancelled when the peer sends BYE or a close flag, or breaks the rules.</summary>
    public CancellationToken PeerClosed => _peerClosed.Token;

    /// <summary>Why the peer side ended the session, when it did.</summary>
    public P2PException? PeerFailure { get; private set; }

    public void OnResponse(SlpMessage response) => _answer.TrySetResult(response);

    public void OnBye() => Close(new P2PException(P2PFailure.CancelledByPeer, $"{Peer} closed the session (BYE)."));

    /// <summary>Ends the session from the peer's side (BYE, close flag, a broken rule).</summary>
    public void Close(P2PException failure)
    {
        if (Finished)
        {
            return;
        }

        PeerFailure ??= failure;
        _answer.TrySetException(failure);
        _peerClosed.Cancel();
    }

    /// <summary>A packet for this session id (data, data preparation, close).</summary>
    public abstract void OnPacket(in P2PPacket packet);

    /// <summary>
    /// What every receiving call does before it looks at data: a data preparation message is
    /// acknowledged when final, a close flag ends the call. True when the packet carries data.
    /// </summary>
    protected bool IsDataToReceive(in P2PPacket packet)
    {
        var header = packet.Header;
        if (header.IsControl)
        {
            // The data preparation message some clients send before data.
            if (header.IsFinal)
            {
                Link.SendAck(Peer, header);
            }

            return false;
        }

        if ((header.Flags & P2PFlags.Close) != 0)
        {
            Close(new P2PException(P2PFailure.CancelledByPeer, $"{Peer} closed the session."));
            return false;
        }

        return header.IsData;
    }
}
