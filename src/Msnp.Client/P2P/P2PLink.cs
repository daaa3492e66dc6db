using System.Collections.Concurrent;
using System.Threading.Channels;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.Messages;
using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// The MSNC P2P layer of one conversation: reads <c>application/x-msnmsgrp2p</c> messages
/// addressed to the user, reassembles SLP control messages (bounded), acknowledges every complete
/// message, routes session data to its call, serves the user's display picture, declines what it
/// cannot handle (603) and sends packets in 1202-byte chunks with ack mode <c>D</c>. Every
/// conversation has one (<see cref="Conversation.PeerToPeer"/>).
/// </summary>
public sealed partial class P2PLink : IDisposable
{
    private readonly Conversation _conversation;
    private readonly Func<string> _self;
    private readonly Func<DisplayPicture?> _picture;
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<P2PHeader>> _awaitingAck = new();
    private readonly ConcurrentDictionary<string, SlpCall> _calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<uint, SlpCall> _sessions = new();
    private readonly ConcurrentDictionary<string, byte[]> _headerBlocks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Peer, uint Id), Reassembly> _partials = [];
    private readonly Channel<Outgoing> _control = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(256) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sendLoop;
    private int _nextId = Random.Shared.Next(4, int.MaxValue);
    private int _serving;

    internal P2PLink(Conversation conversation, Func<string> self, Func<DisplayPicture?> picture, bool hasAckModeD)
    {
        _conversation = conversation;
        _self = self;
        _picture = picture;
        DataAckMode = hasAckModeD ? AckMode.Data : AckMode.Acknowledged;
        conversation.MessageReceived += OnMessage;
        conversation.Closed += (_, _) => FailAll(new P2PException(P2PFailure.ConnectionFailed, "The conversation closed."));
        _sendLoop = Task.Run(SendLoopAsync);
    }

    /// <summary>Limits and timeouts; set before sessions start.</summary>
    public P2POptions Options { get; set; } = new();

    /// <summary>Timeouts, progress interval and the size limit used by P2P file transfers in this conversation.</summary>
    public FileTransferOptions FileTransferOptions { get; set; } = new();

    /// <summary>A contact offers a file over P2P. With no handler, offers are declined (603) at once.</summary>
    public event EventHandler<FileOfferedEventArgs>? FileOffered;

    /// <summary>A peer broke the rules; the session concerned was ended.</summary>
    public event EventHandler<P2PErrorEventArgs>? ProtocolError;

    /// <summary>The user's display picture was sent to a contact who asked for it.</summary>
    public event EventHandler<P2PErrorEventArgs>? PictureServed;

    /// <summary>Calls open at once (for tests and diagnostics).</summary>
    public int OpenSessions => _calls.Count;

    internal AckMode DataAckMode { get; }

    internal string Self => _self();

    /// <summary>Stops reading and sending; open sessions fail.</summary>
    public void Dispose()
    {
        _conversation.MessageReceived -= OnMessage;
        _control.Writer.TryComplete();
        _stop.Cancel();
        FailAll(new P2PException(P2PFailure.ConnectionFailed, "The P2P link was closed."));
    }

    internal uint NextId() => (uint)Interlocked.Increment(ref _nextId);

    internal static uint NewSessionId() => (uint)Random.Shared.Next(4, int.MaxValue);

    internal static string NewGuid() => Guid.NewGuid().ToString("D").ToUpperInvariant();

    internal void Register(SlpCall call)
    {
        if (_calls.Count >= Options.MaxSessions)
        {
            throw new P2PException(P2PFailure.ProtocolError, $"More than {Options.MaxSessions} P2P sessions are open in this conversation.");
        }

        _calls[call.CallId] = call;
        _sessions[call.SessionId] = call;
    }

    internal void Unregister(SlpCall call)
    {
        call.Finished = true;
        _calls.TryRemove(new KeyValuePair<string, SlpCall>(call.CallId, call));
        _sessions.TryRemove(new KeyValuePair<uint, SlpCall>(call.SessionId, call));
    }

    internal void ReportError(string peer, string message) => ProtocolError?.Invoke(this, new P2PErrorEventArgs(peer, message));

    private void FailAll(P2PException failure)
    {
        foreach (var call in _calls.Values)
        {
            call.Close(failure);
        }

        foreach (var ack in _awaitingAck.Values)
        {
            ack.TrySetException(failure);
        }
    }

    private void OnMessage(object? sender, MessageReceivedEventArgs e)
    {
        if (!P2PMime.IsPeerToPeer(e.Message))
        {
            return;
        }

        if (P2PMime.Destination(e.Message) is { } destination && !string.Equals(destination, Self, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!P2PPacket.TryParse(e.Message.Body, out var packet, out var error))
        {
            ReportError(e.Sender, "dropped a P2P message: " + error);
            return;
        }

        var header = packet.Header;
        if (header.IsAck)
        {
            if (_awaitingAck.TryRemove(header.AckId, out var waiter))
            {
                waiter.TrySetResult(header);
            }

            return;
        }

        if (header.SessionId != 0)
        {
            if (_sessions.TryGetValue(header.SessionId, out var call) && !call.Finished)
            {
                if (string.Equals(call.Peer, e.Sender, StringComparison.OrdinalIgnoreCase))
                {
                    call.OnPacket(packet);
                }
                else
                {
                    ReportError(e.Sender, $"sent data for session {header.SessionId}, which belongs to {call.Peer}; ignored.");
                }
            }
            else if (header.IsControl && header.IsFinal)
            {
                // A data preparation message of a session that just ended still gets its ACK.
                SendAck(e.Sender, header);
            }

            return;
        }

        if (header.IsControl)
        {
            Reassemble(e.Sender, packet);
        }
    }

    private void Reassemble(string peer, in P2PPacket packet)
    {
        var header = packet.Header;
        var key = (peer, header.Id);
        if (header.Offset == 0)
        {
            if (header.TotalSize > SlpMessage.MaxSize)
            {
                ReportError(peer, $"announced an SLP message of {header.TotalSize} bytes, above the {SlpMessage.MaxSize}-byte limit; dropped.");
                return;
            }

            if (header.IsFinal)
            {
                Complete(peer, header, packet.Data.Span);
                return;
            }

            if (_partials.Count >= Options.MaxPartialMessages)
            {
                var oldest = _partials.MinBy(p => p.Value.Started).Key;
                _partials.Remove(oldest);
                ReportError(oldest.Peer, $"left too many SLP messages unfinished; message {oldest.Id} was dropped.");
            }

            var started = new Reassembly(new byte[header.TotalSize], Environment.TickCount64);
            packet.Data.Span.CopyTo(started.Buffer);
            started.Received = packet.Data.Length;
            _partials[key] = started;
            return;
        }

        if (!_partials.TryGetValue(key, out var partial))
        {
            return;
        }

        if (header.TotalSize != (ulong)partial.Buffer.Length || header.Offset != (ulong)partial.Received)
        {
            _partials.Remove(key);
            ReportError(peer, $"sent SLP message {header.Id} out of order (offset {header.Offset}, expected {partial.Received} of {partial.Buffer.Length}); dropped.");
            return;
        }

        packet.Data.Span.CopyTo(partial.Buffer.AsSpan(partial.Received));
        partial.Received += packet.Data.Length;
        if (header.IsFinal)
        {
            _partials.Remove(key);
            Complete(peer, header, partial.Buffer);
        }
    }

    private void Complete(string peer, P2PHeader last, ReadOnlySpan<byte> body)
    {
        SendAck(peer, last);
        if (!SlpMessage.TryParse(body, out var slp, out var error))
        {
            ReportError(peer, "sent a malformed SLP message: " + error);
            return;
        }

        if (slp.IsRequest)
        {
            if (slp.Method == "INVITE")
            {
                OnInvite(peer, slp);
            }
            else if (slp.Method == "BYE" && slp.CallId is { } byeCall && _calls.TryGetValue(byeCall, out var closed))
            {
                closed.OnBye();
            }

            return;
        }

        if (slp.CallId is { } callId && _calls.TryGetValue(callId, out var call))
        {
            call.OnResponse(slp);
        }
    }

    /// <summary>Queues the ACK of a complete message, built from its last chunk's header; the task completes once the switchboard took it.</summary>
    internal Task SendAck(string peer, P2PHeader last)
    {
        var sent = new TaskCompletionSource<P2PHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new Outgoing(peer, last.CreateAck(NextId()), ReadOnlyMemory<byte>.Empty, 0, sent, false));
        return sent.Task;
    }

    /// <summary>Queues an SLP message (session 0, footer 0); see <see cref="SendMessageAsync"/>.</summary>
    internal Task<P2PHeader> SendSlpAsync(string peer, SlpMessage message, bool awaitAck) =>
        SendMessageAsync(peer, 0, P2PFlags.None, message.ToBytes(), 0, awaitAck);

    /// <summary>
    /// Queues a whole message in order with other control messages. With <paramref name="awaitAck"/>
    /// the task completes with the peer's P2P ACK (the caller bounds the wait and then calls
    /// <see cref="ForgetAck"/>); without, once the switchboard took every chunk.
    /// </summary>
    internal Task<P2PHeader> SendMessageAsync(string peer, uint sessionId, P2PFlags flags, ReadOnlyMemory<byte> body, uint footer, bool awaitAck)
    {
        var id = NextId();
        var header = new P2PHeader(sessionId, id, 0, (ulong)body.Length, 0, flags, (uint)Random.Shared.Next(), 0, 0);
        var done = new TaskCompletionSource<P2PHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (awaitAck)
        {
            _awaitingAck[id] = done;
        }

        Enqueue(new Outgoing(peer, header, body, footer, done, awaitAck));
        return done.Task;
    }

    /// <summary>Stops waiting for the ACK of <paramref name="ackTask"/>'s message (after a timeout or failure), so the table stays bounded.</summary>
    internal void ForgetAck(Task<P2PHeader> ackTask)
    {
        foreach (var (id, waiter) in _awaitingAck)
        {
            if (waiter.Task == ackTask)
            {
                _awaitingAck.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Starts waiting for the ACK of message <paramref name="id"/> (sent by the caller itself).</summary>
    internal Task<P2PHeader> ExpectAck(uint id)
    {
        var done = new TaskCompletionSource<P2PHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaitingAck[id] = done;
        return done.Task;
    }

    /// <summary>Waits for a message's P2P ACK at most <paramref name="timeout"/>; null when none came (the wait is forgotten).</summary>
    internal async Task<P2PHeader?> WaitForAckAsync(Task<P2PHeader> ack, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var header = await WaitForAckCoreAsync(ack, timeout, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            if (header is null)
            {
                ForgetAck(ack);
            }

            return header;
        }
        catch (OperationCanceledException)
        {
            ForgetAck(ack);
            throw;
        }
    }

    /// <summary>
    /// The ACK, or null after <paramref name="timeout"/>. An ACK that arrived before the wait was
    /// cancelled wins: a peer acknowledges the last chunk and then says BYE, both handled in order
    /// on the dispatcher, and the BYE's cancellation must not undo a transfer that already finished.
    /// </summary>
    internal static async Task<P2PHeader?> WaitForAckCoreAsync(Task<P2PHeader> ack, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await ack.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (OperationCanceledException) when (ack.IsCompletedSuccessfully)
        {
            return ack.Result;
        }
    }

    private void Enqueue(Outgoing outgoing)
    {
        if (!_control.Writer.TryWrite(outgoing))
        {
            outgoing.Done?.TrySetException(new P2PException(P2PFailure.ConnectionFailed, "Too many P2P messages are waiting to be sent."));
        }
    }

    /// <summary>Sends one chunk as a switchboard message; completes when the switchboard acknowledged it.</summary>
    internal Task SendPacketAsync(string peer, P2PHeader header, ReadOnlyMemory<byte> data, uint footer, CancellationToken cancellationToken)
    {
        var block = _headerBlocks.GetOrAdd(peer, P2PMime.HeaderBlock);
        var payload = P2PMime.Payload(block, new P2PPacket(header, data, footer));
        return _conversation.SendRawAsync(payload, DataAckMode, cancellationToken);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var outgoing in _control.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    var h = outgoing.Header;
                    var length = outgoing.Body.Length;
                    var offset = 0;
                    do
                    {
                        var chunk = Math.Min(P2PPacket.MaxChunkSize, length - offset);
                        var header = h with { Offset = (ulong)offset, Length = (uint)chunk };
                        await SendPacketAsync(outgoing.Peer, header, outgoing.Body.Slice(offset, chunk), outgoing.Footer, _stop.Token).ConfigureAwait(false);
                        offset += chunk;
                    }
                    while (offset < length);
                    if (!outgoing.AwaitsAck)
                    {
                        outgoing.Done?.TrySetResult(h);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    outgoing.Done?.TrySetException(new P2PException(P2PFailure.ConnectionFailed, "A P2P message could not be sent: " + e.Message, e));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record Outgoing(string Peer, P2PHeader Header, ReadOnlyMemory<byte> Body, uint Footer, TaskCompletionSource<P2PHeader>? Done, bool AwaitsAck);

    private sealed class Reassembly(byte[] buffer, long started)
    {
        public byte[] Buffer { get; } = buffer;

        public long Started { get; } = started;

        public int Received { get; set; }
    }
}
