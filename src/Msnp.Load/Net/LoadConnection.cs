using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Net;

/// <summary>Handles one frame in place; returns false to stop reading.</summary>
public delegate bool FrameHandler(in MsnpFrame frame);

/// <summary>
/// One client connection kept deliberately thin: a socket, a pipe each way and the protocol's
/// frame scanner. Set-up steps read frames as strings; the measured loops use
/// <see cref="ReadFramesAsync{THandler}"/> (the shared <see cref="FrameLoop"/>), which hands frames over in place without copying.
/// </summary>
public sealed class LoadConnection : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly FrameScanner _scanner;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ConnectionBufferPool _buffers;
    private FrameHandler? _lineReader;
    private string? _line;
    private FrameHandler? _skipper;
    private string? _skipPrefix;

    private LoadConnection(Socket socket, MsnpDialect dialect)
    {
        Dialect = dialect;
        _scanner = new FrameScanner(CommandTable.For(dialect, FrameDirection.ServerToClient));
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _buffers = new ConnectionBufferPool(BufferSize);
        Reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(_buffers, bufferSize: BufferSize));
        Writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(_buffers, minimumBufferSize: BufferSize));
    }

    /// <summary>The protocol version this connection speaks, which decides how frames are read.</summary>
    public MsnpDialect Dialect { get; }

    /// <summary>The incoming side.</summary>
    public PipeReader Reader { get; }

    /// <summary>The outgoing side; callers write and flush.</summary>
    public PipeWriter Writer { get; }

    /// <summary>Connects to a loopback endpoint; anything else is refused so the tool cannot be aimed at someone else's server.</summary>
    public static Task<LoadConnection> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken) =>
        ConnectAsync(endPoint, MsnpDialect.Msnp8, cancellationToken);

    /// <summary>Connects to a loopback endpoint to speak <paramref name="dialect"/>.</summary>
    public static Task<LoadConnection> ConnectAsync(IPEndPoint endPoint, MsnpDialect dialect, CancellationToken cancellationToken) =>
        ConnectAsync(endPoint, dialect, null, cancellationToken);

    /// <summary>
    /// Connects from the loopback address <paramref name="source"/> (null: the system's choice). Each
    /// source address has its own ephemeral ports (about 28,000 on Linux by default), so holding more
    /// connections than that to one server needs several (<c>127.0.0.2</c>, …).
    /// </summary>
    public static async Task<LoadConnection> ConnectAsync(IPEndPoint endPoint, MsnpDialect dialect, IPAddress? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(endPoint);
        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            throw new ArgumentException($"msnp load only targets loopback addresses, not {endPoint.Address}.", nameof(endPoint));
        }

        if (source is not null && !IPAddress.IsLoopback(source))
        {
            throw new ArgumentException($"msnp load only connects from loopback addresses, not {source}.", nameof(source));
        }

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null)
            {
                socket.Bind(new IPEndPoint(source, 0));
            }

            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new LoadConnection(socket, dialect);
    }

    /// <summary>Writes an ASCII line (CR LF included by the caller) and flushes it.</summary>
    public async ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = Writer.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        Writer.Advance(written);
        await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Buffers ASCII text without flushing; <see cref="FlushAsync"/> sends it.</summary>
    public void Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = Writer.GetSpan(text.Length);
        Writer.Advance(Encoding.ASCII.GetBytes(text, span));
    }

    /// <summary>Sends what <see cref="Write"/> buffered.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await Writer.FlushAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the next frame as text (set-up only: it allocates the string).</summary>
    // Sign-in runs this several times per measured operation: the handler is made once per
    // connection and the state machine is pooled, so only the line itself is allocated.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line = null;
        _lineReader ??= (in MsnpFrame frame) =>
        {
            _line = Encoding.UTF8.GetString(frame.Line);
            return false;
        };
        await ReadFramesAsync(_lineReader, cancellationToken).ConfigureAwait(false);
        return _line ?? throw new EndOfStreamException("The server closed the connection.");
    }

    /// <summary>
    /// Like <see cref="ReadLineStartingWithAsync"/> for a caller that does not need the line: frames
    /// are compared in place, so the sign-in measured per operation allocates no strings here.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SkipToLineStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _skipPrefix = prefix;
        _line = null;
        _skipper ??= (in MsnpFrame frame) =>
        {
            var line = frame.Line;
            if (IsAsciiPrefix(line, _skipPrefix!))
            {
                return false;
            }

            if (line.Length > 3 && char.IsAsciiDigit((char)line.FirstSpan[0]))
            {
                _line = Encoding.UTF8.GetString(line);
                return false;
            }

            return true;
        };

        if (!await ReadFramesAsync(_skipper, cancellationToken).ConfigureAwait(false))
        {
            throw new EndOfStreamException("The server closed the connection.");
        }

        if (_line is not null)
        {
            throw new InvalidOperationException($"The server answered with an error while waiting for '{prefix}': {_line}");
        }
    }

    /// <summary>Reads frames until one starts with <paramref name="prefix"/>, skipping the rest (set-up only).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> ReadLineStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }

            if (line.Length > 3 && char.IsAsciiDigit(line[0]))
            {
                throw new InvalidOperationException($"The server answered with an error while waiting for '{prefix}': {line}");
            }
        }
    }

    /// <summary>
    /// Hands every complete frame to <paramref name="handler"/> until it returns false (then true)
    /// or the server closes the connection (then false). Bytes that break framing throw
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    // Called once per awaited reply in the measured loops: the shared FrameLoop pools its state
    // machine and is compiled per handler struct, so the load side's own allocations stay out of
    // the server's bytes-per-operation figure.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadFramesAsync<THandler>(THandler handler, CancellationToken cancellationToken)
        where THandler : ILoadFrameHandler
    {
        var result = await FrameLoop.RunAsync(Reader, new ScannedFrames<THandler>(_scanner, handler), cancellationToken).ConfigureAwait(false);
        return result.End switch
        {
            FrameLoopEnd.Stopped => true,
            FrameLoopEnd.Violation => throw new InvalidDataException($"Unreadable frame from the server: {result.Violation}"),
            _ => false,
        };
    }

    /// <summary>As <see cref="ReadFramesAsync{THandler}"/> with a delegate (set-up steps, where a frame's cost does not matter).</summary>
    public ValueTask<bool> ReadFramesAsync(FrameHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return ReadFramesAsync(new DelegateFrames(handler), cancellationToken);
    }

    private static bool IsAsciiPrefix(in ReadOnlySequence<byte> line, string prefix)
    {
        if (line.Length < prefix.Length)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[Math.Min(prefix.Length, 256)];
        if (head.Length < prefix.Length)
        {
            return Encoding.UTF8.GetString(line).StartsWith(prefix, StringComparison.Ordinal);
        }

        line.Slice(0, prefix.Length).CopyTo(head);
        return Ascii.Equals(head, prefix);
    }

    /// <summary>Closes the socket without a goodbye (callers send <c>OUT</c> first when they want one).</summary>
    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync().ConfigureAwait(false);
        await Writer.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _buffers.Dispose();
    }

    // The load side's handlers see frames only; the connection supplies the scanner of its dialect.
    private readonly struct ScannedFrames<THandler>(FrameScanner scanner, THandler handler) : IFrameHandler
        where THandler : ILoadFrameHandler
    {
        public FrameScanner Scanner => scanner;

        public ValueTask<bool> OnFrameAsync(MsnpFrame frame) => new(handler.OnFrame(in frame));

        public void OnConsumed(long bytes)
        {
        }
    }

    private readonly struct DelegateFrames(FrameHandler handler) : ILoadFrameHandler
    {
        public bool OnFrame(in MsnpFrame frame) => handler(in frame);
    }
}
