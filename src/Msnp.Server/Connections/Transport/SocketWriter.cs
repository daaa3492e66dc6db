using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// The output side of a <see cref="SocketConnection"/>. The session's output loop hands over its
/// pooled segments (<see cref="SendAsync"/>), which are sent as they are, without a copy, from the
/// loop's thread; a peer whose window is full makes the send wait asynchronously. Writes through
/// the <see cref="PipeWriter"/> interface go into segments of the same kind, made only when
/// something writes that way, so an idle connection holds no buffer.
/// </summary>
/// <remarks>Single writer, as for any <see cref="PipeWriter"/>: the session's output loop.</remarks>
internal sealed class SocketWriter : PipeWriter
{
    private readonly SocketConnection _connection;
    private readonly Socket _socket;

    // Written through GetSpan/Advance and not yet flushed; null until something writes that way.
    private PooledSegmentBuffer? _written;
    private bool _peerGone;
    private volatile bool _completed;
    private volatile bool _cancelRequested;

    public SocketWriter(SocketConnection connection, Socket socket)
    {
        _connection = connection;
        _socket = socket;
    }

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written?.WrittenCount ?? 0;

    public override void Advance(int bytes)
    {
        if (_written is null)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }

        _written.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => Written().GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => Written().GetSpan(sizeHint);

    public override void CancelPendingFlush() => _cancelRequested = true;

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        _written?.Clear();
    }

    /// <summary>
    /// The connection was disposed. Normally every array went back with the last send; a send
    /// still running on the session's output loop (a peer that stopped reading) gives its arrays
    /// back itself when it fails, so nothing here touches them from this thread.
    /// </summary>
    internal void Release() => _completed = true;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_written is null)
        {
            ThrowIfCompleted();
            return new ValueTask<FlushResult>(Result());
        }

        return SendAsync(_written, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="segments"/> as they are and empties it (its arrays go back to the pool),
    /// from the caller's thread while the socket takes them; the rest waits asynchronously.
    /// </summary>
    internal ValueTask<FlushResult> SendAsync(PooledSegmentBuffer segments, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            segments.Clear();
            ThrowIfCompleted();
        }

        segments.Seal();
        for (var index = 0; index < segments.SegmentCount && !_peerGone; index++)
        {
            var (array, length) = segments.Segment(index);
            var sent = 0;
            while (sent < length)
            {
                int count;
                SocketError error;
                try
                {
                    count = _socket.Send(array.AsSpan(sent, length - sent), SocketFlags.None, out error);
                }
                catch (ObjectDisposedException)
                {
                    error = SocketError.OperationAborted;
                    count = 0;
                }

                if (error == SocketError.WouldBlock)
                {
                    // The peer's window is full: wait for it without blocking the thread.
                    return SendSlowlyAsync(segments, index, sent, cancellationToken);
                }

                if (error != SocketError.Success)
                {
                    PeerGone();
                    break;
                }

                sent += count;
            }
        }

        segments.Clear();
        return new ValueTask<FlushResult>(Result());
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FlushResult> SendSlowlyAsync(PooledSegmentBuffer segments, int index, int sentOfFirst, CancellationToken cancellationToken)
    {
        try
        {
            for (; index < segments.SegmentCount && !_peerGone; index++)
            {
                var (array, length) = segments.Segment(index);
                try
                {
                    await _socket.SendAsync(array.AsMemory(sentOfFirst, length - sentOfFirst), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    PeerGone();
                }

                sentOfFirst = 0;
            }

            return Result();
        }
        finally
        {
            segments.Clear();
        }
    }

    private FlushResult Result()
    {
        var canceled = _cancelRequested;
        _cancelRequested = false;
        return new FlushResult(canceled, isCompleted: _peerGone);
    }

    // A send failed: the peer reset or the socket was closed. Later writes are dropped, as a
    // completed pipe's are, and the connection ends so that its reader notices.
    private void PeerGone()
    {
        _peerGone = true;
        _connection.OnSendFailed();
    }

    private PooledSegmentBuffer Written()
    {
        ThrowIfCompleted();
        return _written ??= new PooledSegmentBuffer();
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("Writing is not allowed after the writer was completed.");
        }
    }
}
