using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using Microsoft.AspNetCore.Connections;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// The input side of a <see cref="SocketConnection"/>: a <see cref="PipeReader"/> over one pooled
/// array. While nothing is unread it holds no array; a read with nothing to return waits with a
/// zero-byte receive (the socket's readiness, no buffer) and then receives without waiting.
/// </summary>
/// <remarks>
/// The state is guarded by a lock on the receive arguments (an object of ours), so a completion,
/// <see cref="CancelPendingRead"/> and the reader's own calls may come from any thread. The array is
/// only filled by whoever holds a read that is still waiting, never while the consumer looks at it.
/// </remarks>
internal sealed class SocketReader : PipeReader, IValueTaskSource<ReadResult>
{
    // A receive asks for at least this much room; frames are usually far shorter.
    private const int MinimumReceive = 2048;
    private const int InitialBuffer = 4096;

    // A connection whose receives fill the room they were given streams (a switchboard sender):
    // its next array is larger, up to this, so one receive (and one pass of the frame loop) takes
    // many frames. Receives that use little of their room shrink it back towards InitialBuffer.
    private const int StreamingBuffer = 64 * 1024;

    // Unread bytes past this mean the consumer does not consume (the frame scanners stop far below).
    private const int MaximumBuffer = 1024 * 1024;

    private readonly SocketConnection _connection;
    private readonly Socket _socket;
    private readonly ReadinessArgs _readiness;
    private ManualResetValueTaskSourceCore<ReadResult> _source;
    private CancellationTokenRegistration _registration;
    private CancellationToken _token;

    private byte[]? _buffer;
    private int _start;
    private int _end;
    private bool _examinedAll;
    private bool _ended;
    private Exception? _error;
    private bool _waiting;
    private bool _readinessPending;
    private bool _cancelRequested;
    private bool _completed;

    // The size of the next array rented (see StreamingBuffer).
    private int _receiveSize = InitialBuffer;

    // The last receive left the socket empty (it filled less than its room): the next read waits for
    // readiness at once, whose first attempt finds bytes that came meanwhile, instead of asking the
    // socket first for a WouldBlock (one receive call less per wait).
    private bool _drained;

    // What a read that ended under the lock returns, handed to Finish once the lock is released.
    private ReadResult _finished;
    private Exception? _finishedError;

    public SocketReader(SocketConnection connection, Socket socket)
    {
        _connection = connection;
        _socket = socket;
        _readiness = new ReadinessArgs(this);
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ReadResult>(cancellationToken);
        }

        short version;
        lock (_readiness)
        {
            ThrowIfCompleted();
            if (_waiting)
            {
                throw new InvalidOperationException("A read is already pending.");
            }

            if (TryTakeResult(out var ready))
            {
                return new ValueTask<ReadResult>(ready);
            }

            _source.Reset();
            _waiting = true;
            _token = cancellationToken;
            version = _source.Version;
            if (Advance())
            {
                return new ValueTask<ReadResult>(this, version);
            }

            // Ready without waiting after all.
            var result = _finished;
            var error = _finishedError;
            _finished = default;
            _finishedError = null;
            _token = default;
            return error is null ? new ValueTask<ReadResult>(result) : ValueTask.FromException<ReadResult>(error);
        }
    }

    public override bool TryRead(out ReadResult result)
    {
        lock (_readiness)
        {
            ThrowIfCompleted();
            if (TryTakeResult(out result))
            {
                return true;
            }

            if (!_readinessPending && !_waiting && Fill())
            {
                return TryTakeResult(out result);
            }

            return false;
        }
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        lock (_readiness)
        {
            ThrowIfCompleted();
            if (_buffer is null)
            {
                return;
            }

            // Positions of a single-array sequence are indexes into the array.
            var consumedAt = consumed.GetObject() is null ? _start : consumed.GetInteger();
            var examinedAt = examined.GetObject() is null ? consumedAt : examined.GetInteger();
            if (consumedAt < _start || consumedAt > _end || examinedAt < consumedAt || examinedAt > _end)
            {
                throw new InvalidOperationException("The position is outside the buffer last read.");
            }

            _start = consumedAt;
            _examinedAll = examinedAt == _end;
            if (_start == _end)
            {
                // Nothing unread: an idle connection holds no buffer.
                ReturnBuffer();
            }
        }
    }

    public override void CancelPendingRead()
    {
        ReadResult result;
        lock (_readiness)
        {
            if (!_waiting)
            {
                _cancelRequested = true;
                return;
            }

            _waiting = false;
            result = new ReadResult(Unread(), isCanceled: true, isCompleted: false);
        }

        Finish(result, null);
    }

    public override void Complete(Exception? exception = null)
    {
        lock (_readiness)
        {
            _completed = true;
            ReturnBuffer();
        }
    }

    /// <summary>The connection was disposed: give the array back.</summary>
    internal void Release() => Complete();

    ReadResult IValueTaskSource<ReadResult>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ReadResult>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<ReadResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);

    // Moves a waiting read on under the lock: receives what is there, else waits for readiness.
    // True when the read still waits (for readiness or its caller), false when it was finished here.
    private bool Advance()
    {
        while (true)
        {
            if (_cancelRequested || TryPeekResult())
            {
                CompleteWaitingLocked();
                return false;
            }

            if (_readinessPending)
            {
                return Register();
            }

            if (!_drained && Fill())
            {
                continue;
            }

            _drained = false;
            _readinessPending = true;
            bool pending;
            try
            {
                pending = _socket.ReceiveAsync(_readiness);
            }
            catch (ObjectDisposedException)
            {
                _readinessPending = false;
                _error ??= Ended(SocketError.OperationAborted);
                continue;
            }

            if (pending)
            {
                return Register();
            }

            _readinessPending = false;
            if (_readiness.SocketError != SocketError.Success)
            {
                _error ??= Ended(_readiness.SocketError);
            }
        }
    }

    // The read waits: it can be cancelled by its token from now on.
    private bool Register()
    {
        if (_token.CanBeCanceled && _registration == default)
        {
            _registration = _token.UnsafeRegister(static s => ((SocketReader)s!).OnTokenCancelled(), this);
        }

        return true;
    }

    private void OnTokenCancelled()
    {
        CancellationToken token;
        lock (_readiness)
        {
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
            token = _token;
        }

        Finish(default, new OperationCanceledException(token));
    }

    private void OnReadiness(SocketError error)
    {
        ReadResult result = default;
        Exception? exception = null;
        var finish = false;
        lock (_readiness)
        {
            _readinessPending = false;
            if (error != SocketError.Success)
            {
                _error ??= Ended(error);
            }

            if (_waiting && !Advance())
            {
                finish = true;
                result = _finished;
                exception = _finishedError;
                _finished = default;
                _finishedError = null;
            }
        }

        if (finish)
        {
            Finish(result, exception);
        }
    }

    // Under the lock: the waiting read ends now; the caller finishes it once the lock is released.
    private void CompleteWaitingLocked()
    {
        _waiting = false;
        if (_cancelRequested)
        {
            _cancelRequested = false;
            _finished = new ReadResult(Unread(), isCanceled: true, isCompleted: false);
        }
        else if (_error is not null && _end == _start)
        {
            _finishedError = _error;
        }
        else
        {
            _examinedAll = false;
            _finished = new ReadResult(Unread(), isCanceled: false, isCompleted: _ended || _error is not null);
        }
    }

    private void Finish(ReadResult result, Exception? exception)
    {
        var registration = _registration;
        _registration = default;
        _token = default;
        registration.Unregister();
        if (exception is null)
        {
            _source.SetResult(result);
        }
        else
        {
            _source.SetException(exception);
        }
    }

    // A result is ready without waiting: cancelled, unexamined bytes, the end or an error.
    private bool TryPeekResult() => (_end > _start && !_examinedAll) || _ended || _error is not null;

    private bool TryTakeResult(out ReadResult result)
    {
        if (_cancelRequested)
        {
            _cancelRequested = false;
            result = new ReadResult(Unread(), isCanceled: true, isCompleted: false);
            return true;
        }

        if (!TryPeekResult())
        {
            result = default;
            return false;
        }

        if (_error is not null && _end == _start)
        {
            throw _error;
        }

        _examinedAll = false;
        result = new ReadResult(Unread(), isCanceled: false, isCompleted: _ended || _error is not null);
        return true;
    }

    // Receives what the socket has without waiting. True when something changed (bytes, the end, an error).
    private bool Fill()
    {
        if (_ended || _error is not null)
        {
            return true;
        }

        if (!EnsureRoom())
        {
            _error = new InvalidDataException("More than 1 MiB of unread input.");
            return true;
        }

        int received;
        SocketError error;
        var room = _buffer!.Length - _end;
        try
        {
            received = _socket.Receive(_buffer.AsSpan(_end), SocketFlags.None, out error);
        }
        catch (ObjectDisposedException)
        {
            _error = Ended(SocketError.OperationAborted);
            return true;
        }

        if (error == SocketError.WouldBlock)
        {
            _receiveSize = InitialBuffer;
            if (_start == _end)
            {
                ReturnBuffer();
            }

            return false;
        }

        if (error != SocketError.Success)
        {
            _error = Ended(error);
            return true;
        }

        if (received == 0)
        {
            _ended = true;
        }

        _drained = received < room;
        if (received == room)
        {
            _receiveSize = Math.Min(_receiveSize * 2, StreamingBuffer);
        }
        else if (received < room / 4)
        {
            _receiveSize = Math.Max(_receiveSize / 2, InitialBuffer);
        }

        _end += received;
        _examinedAll = false;
        return true;
    }

    // Makes room for a receive: a fresh array, the unread bytes moved to the front, or a larger array.
    private bool EnsureRoom()
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(_receiveSize);
            _start = _end = 0;
            return true;
        }

        var unread = _end - _start;
        if (_buffer.Length < _receiveSize && unread < _receiveSize / 2)
        {
            // The connection streams: move the unread bytes into a larger array.
            Grow(_receiveSize, unread);
            return true;
        }

        if (_buffer.Length - _end >= MinimumReceive)
        {
            return true;
        }

        if (_start > 0 && _buffer.Length - unread >= MinimumReceive)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        }
        else
        {
            if (_buffer.Length >= MaximumBuffer)
            {
                return false;
            }

            Grow(_buffer.Length * 2, unread);
            return true;
        }

        _start = 0;
        _end = unread;
        return true;
    }

    private void Grow(int size, int unread)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        Buffer.BlockCopy(_buffer!, _start, larger, 0, unread);
        ArrayPool<byte>.Shared.Return(_buffer!);
        _buffer = larger;
        _start = 0;
        _end = unread;
    }

    private ReadOnlySequence<byte> Unread() =>
        _buffer is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(_buffer, _start, _end - _start);

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        _start = _end = 0;
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("Reading is not allowed after the reader was completed.");
        }
    }

    // What a read reports once the socket failed: Kestrel's exceptions, so handlers see the same ends.
    private Exception Ended(SocketError error) => error switch
    {
        SocketError.OperationAborted or SocketError.Interrupted or SocketError.InvalidArgument or SocketError.NotSocket =>
            _connection.AbortReason ?? new ConnectionAbortedException("The connection was closed."),
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NetworkReset =>
            new ConnectionResetException(error.ToString(), new SocketException((int)error)),
        _ => new IOException(error.ToString(), new SocketException((int)error)),
    };

    // The zero-byte receive: completes when the socket has bytes (or the end, or an error).
    private sealed class ReadinessArgs : SocketAsyncEventArgs
    {
        private readonly SocketReader _reader;

        public ReadinessArgs(SocketReader reader)
            : base(unsafeSuppressExecutionContextFlow: true)
        {
            _reader = reader;
            SetBuffer(Memory<byte>.Empty);
        }

        protected override void OnCompleted(SocketAsyncEventArgs e) => _reader.OnReadiness(e.SocketError);
    }
}
