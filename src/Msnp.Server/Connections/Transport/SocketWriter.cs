using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// The output side of a <see cref="SocketConnection"/>: writes go into pooled arrays, a flush sends
/// them from the caller's thread without waiting and gives them back, so an idle connection holds
/// none. Only a peer that does not read makes a flush wait (an asynchronous send).
/// </summary>
/// <remarks>Single writer, as for any <see cref="PipeWriter"/>: the session's output loop.</remarks>
internal sealed class SocketWriter : PipeWriter
{
    // The session's output loop hands over 8 KiB segments; two fit one array and one send.
    private const int SegmentSize = 16 * 1024;

    private readonly SocketConnection _connection;
    private readonly Socket _socket;

    // Arrays written and not yet sent; the last one is the one being written.
    private (byte[] Array, int Length) _first;
    private List<(byte[] Array, int Length)>? _more;
    private byte[]? _current;
    private int _currentLength;
    private long _unflushed;
    private bool _peerGone;
    private volatile bool _completed;
    private volatile bool _cancelRequested;

    public SocketWriter(SocketConnection connection, Socket socket)
    {
        _connection = connection;
        _socket = socket;
    }

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _unflushed;

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (_current is null || _currentLength + bytes > _current.Length)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }

        _currentLength += bytes;
        _unflushed += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_currentLength);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_currentLength);

    public override void CancelPendingFlush() => _cancelRequested = true;

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        ReturnAll();
    }

    /// <summary>
    /// The connection was disposed. Normally every array went back with the last flush; a flush
    /// still running on the session's output loop (a peer that stopped reading) gives its arrays
    /// back itself when its send fails, so nothing here touches them from this thread.
    /// </summary>
    internal void Release() => _completed = true;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            throw new InvalidOperationException("Writing is not allowed after the writer was completed.");
        }

        Seal();
        while (!_peerGone && _first.Array is not null)
        {
            var (array, length) = _first;
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
                    return FlushSlowlyAsync(sent, cancellationToken);
                }

                if (error != SocketError.Success)
                {
                    PeerGone();
                    break;
                }

                sent += count;
            }

            NextArray();
        }

        return new ValueTask<FlushResult>(Result());
    }

    private async ValueTask<FlushResult> FlushSlowlyAsync(int sentOfFirst, CancellationToken cancellationToken)
    {
        while (!_peerGone && _first.Array is not null)
        {
            var (array, length) = _first;
            if (sentOfFirst < length)
            {
                try
                {
                    await _socket.SendAsync(array.AsMemory(sentOfFirst, length - sentOfFirst), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    PeerGone();
                    break;
                }
            }

            sentOfFirst = 0;
            NextArray();
        }

        return Result();
    }

    private FlushResult Result()
    {
        var canceled = _cancelRequested;
        _cancelRequested = false;
        if (_peerGone)
        {
            ReturnAll();
        }

        _unflushed = 0;
        return new FlushResult(canceled, isCompleted: _peerGone);
    }

    // A send failed: the peer reset or the socket was closed. Later writes are dropped, as a
    // completed pipe's are, and the connection ends so that its reader notices.
    private void PeerGone()
    {
        _peerGone = true;
        _connection.OnSendFailed();
    }

    private void NextArray()
    {
        ArrayPool<byte>.Shared.Return(_first.Array!);
        _first = default;
        if (_more is { Count: > 0 })
        {
            _first = _more[0];
            _more.RemoveAt(0);
        }
    }

    private byte[] Reserve(int sizeHint)
    {
        if (_completed)
        {
            throw new InvalidOperationException("Writing is not allowed after the writer was completed.");
        }

        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _currentLength >= needed)
        {
            return _current;
        }

        Seal();
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, SegmentSize));
        _currentLength = 0;
        return _current;
    }

    // Queues the array being written (or gives it back when nothing was written to it).
    private void Seal()
    {
        if (_current is null)
        {
            return;
        }

        if (_currentLength > 0)
        {
            if (_first.Array is null)
            {
                _first = (_current, _currentLength);
            }
            else
            {
                (_more ??= []).Add((_current, _currentLength));
            }
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_current);
        }

        _current = null;
        _currentLength = 0;
    }

    private void ReturnAll()
    {
        Seal();
        while (_first.Array is not null)
        {
            NextArray();
        }
    }
}
