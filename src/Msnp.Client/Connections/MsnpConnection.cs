using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Msnp.Client.Transport;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Framing;

namespace Msnp.Client.Connections;

/// <summary>
/// One MSNP connection (notification or switchboard) over TCP or the HTTP gateway: frames what
/// the server sends, matches replies to requests by TrID and routes everything else to handlers
/// by command code.
/// </summary>
/// <remarks>
/// The socket loop only frames bytes; replies and handlers run in order on a separate dispatcher
/// task, so a slow handler never stops the socket from being read. Writes are serialised.
/// </remarks>
public sealed class MsnpConnection : IAsyncDisposable
{
    private readonly IMsnpTransport _transport;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, PendingTransaction> _pending = new();
    private readonly ConcurrentDictionary<CommandCode, Action<MsnpCommand>> _handlers = new();
    private readonly Channel<MsnpCommand> _inbound;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly FrameScanner _scanner;
    private readonly FramingLimits _limits;
    private Task _readLoop = Task.CompletedTask;
    private Task _dispatchLoop = Task.CompletedTask;
    private int _lastTrId;
    private int _closed;
    private DisconnectReason _reason = DisconnectReason.ClosedByServer;
    private Exception? _error;
    private FramingViolation _decodeViolation;

    private MsnpConnection(IMsnpTransport transport, MsnpDialect dialect, TimeSpan transactionTimeout, MsnpClientOptions? options)
    {
        // Bounded so a slow event handler cannot make the client buffer without limit (docs/limits.md).
        _inbound = Channel.CreateBounded<MsnpCommand>(
            new BoundedChannelOptions(options?.InboundQueueCapacity ?? 1024)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = options?.InboundQueueFullMode ?? BoundedChannelFullMode.Wait,
            },
            OnDropped);
        _logger = (options?.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MsnpConnection>();
        _transport = transport;
        _reader = transport.Input;
        _writer = transport.Output;
        var table = CommandTable.For(dialect, FrameDirection.ServerToClient);
        _scanner = new FrameScanner(table);
        _limits = table.Limits;
        Dialect = dialect;
        TransactionTimeout = transactionTimeout;
    }

    /// <summary>The protocol version whose framing rules this connection reads with.</summary>
    public MsnpDialect Dialect { get; }

    /// <summary>How long a request waits for its final reply before failing with <see cref="TimeoutException"/>.</summary>
    public TimeSpan TransactionTimeout { get; }

    /// <summary>True until the connection closes for any reason.</summary>
    public bool IsConnected => Volatile.Read(ref _closed) == 0;

    /// <summary>Commands with no handler of their own and no waiting transaction.</summary>
    public Action<MsnpCommand>? UnhandledCommand { get; set; }

    /// <summary>Raised once, on the dispatcher, after the connection closed and every pending transaction failed.</summary>
    public event EventHandler<DisconnectedEventArgs>? Disconnected;

    /// <summary>The inbound queue was full and a command was discarded (only in the drop modes of <see cref="MsnpClientOptions.InboundQueueFullMode"/>).</summary>
    public event EventHandler<InboundCommandDroppedEventArgs>? CommandDropped;

    /// <summary>A command handler or an event handler it called threw; the connection goes on with the next command.</summary>
    public event EventHandler<HandlerFailedEventArgs>? HandlerFailed;

    /// <summary>Opens a TCP connection and starts reading.</summary>
    public static async Task<MsnpConnection> ConnectAsync(string host, int port, MsnpDialect dialect, TimeSpan transactionTimeout, CancellationToken cancellationToken = default)
    {
        var transport = await TcpTransport.ConnectAsync(host, port, transactionTimeout, cancellationToken).ConfigureAwait(false);
        return Start(transport, dialect, transactionTimeout);
    }

    /// <summary>Opens the transport <paramref name="options"/> ask for (TCP or the HTTP gateway) and starts reading.</summary>
    public static async Task<MsnpConnection> ConnectAsync(MsnpClientOptions options, MsnpServerRole role, string host, int port, MsnpDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = await MsnpTransports.ConnectAsync(options, role, host, port, cancellationToken).ConfigureAwait(false);
        var connection = new MsnpConnection(transport, dialect, options.TransactionTimeout, options);
        connection.Start();
        return connection;
    }

    /// <summary>Runs a connection over an open transport, which it then owns.</summary>
    public static MsnpConnection Start(IMsnpTransport transport, MsnpDialect dialect, TimeSpan transactionTimeout)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var connection = new MsnpConnection(transport, dialect, transactionTimeout, null);
        connection.Start();
        return connection;
    }

    /// <summary>Routes unsolicited commands with <paramref name="code"/> to <paramref name="handler"/>; handlers run on the dispatcher and must not block.</summary>
    public void On(CommandCode code, Action<MsnpCommand> handler) => _handlers[code] = handler;

    /// <summary>Sends a request with a fresh TrID and waits for its final reply.</summary>
    /// <param name="code">The command.</param>
    /// <param name="parameters">Parameters after the TrID (without a payload length).</param>
    /// <param name="payload">A payload to send after the line; its length is appended to the parameters.</param>
    /// <param name="isFinal">Which reply with the TrID ends the transaction; by default the first.</param>
    /// <param name="onIntermediate">Receives replies with the TrID that are not final (e.g. <c>IRO</c> before <c>ANS OK</c>); without it they go to the handlers.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="MsnpException">The server answered with an error code.</exception>
    /// <exception cref="TimeoutException">No final reply within <see cref="TransactionTimeout"/>.</exception>
    public async Task<MsnpCommand> SendAsync(
        CommandCode code,
        IReadOnlyList<string> parameters,
        ReadOnlyMemory<byte>? payload = null,
        Predicate<MsnpCommand>? isFinal = null,
        Action<MsnpCommand>? onIntermediate = null,
        CancellationToken cancellationToken = default)
    {
        var trId = NextTrId();
        var pending = new PendingTransaction(code.ToString(), isFinal, onIntermediate);
        _pending[trId] = pending;
        try
        {
            if (!IsConnected)
            {
                throw new MsnpConnectionClosedException(_reason, _error);
            }

            await WriteAsync(output => Write(output, code, trId, parameters, payload), cancellationToken).ConfigureAwait(false);
            return await pending.Completion.Task.WaitAsync(TransactionTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{code} (TrID {trId}) got no reply within {TransactionTimeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            _pending.TryRemove(trId, out _);
        }
    }

    /// <summary>Sends a command that has no reply (<c>OUT</c>, <c>PNG</c>, an ack-mode-<c>U</c> message) or whose reply arrives unsolicited.</summary>
    public Task SendWithoutReplyAsync(CommandCode code, bool withTrId, IReadOnlyList<string> parameters, ReadOnlyMemory<byte>? payload = null, CancellationToken cancellationToken = default)
    {
        uint? trId = withTrId ? NextTrId() : null;
        return WriteAsync(output => Write(output, code, trId, parameters, payload), cancellationToken);
    }

    /// <summary>Sends a command with a TrID the caller took from <see cref="NextTrId"/>, to match a reply that arrives unsolicited (a <c>NAK</c> for ack mode <c>N</c>).</summary>
    public Task SendWithoutReplyAsync(CommandCode code, uint trId, IReadOnlyList<string> parameters, ReadOnlyMemory<byte>? payload = null, CancellationToken cancellationToken = default) =>
        WriteAsync(output => Write(output, code, trId, parameters, payload), cancellationToken);

    /// <summary>The next transaction id; ids start at 1 and only grow, as clients always did.</summary>
    public uint NextTrId() => (uint)Interlocked.Increment(ref _lastTrId);

    /// <summary>Closes the socket; pending transactions fail and <see cref="Disconnected"/> is raised.</summary>
    public async ValueTask DisposeAsync()
    {
        Close(DisconnectReason.ClosedLocally, null);
        try
        {
            await Task.WhenAll(_readLoop, _dispatchLoop).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Both loops report through Disconnected; nothing more to surface here.
        }

        await _transport.DisposeAsync().ConfigureAwait(false);

        // The write lock is not disposed: a flush cut short by the close may still release it.
        _lifetime.Dispose();
    }

    private static void Write(PipeWriter output, CommandCode code, uint? trId, IReadOnlyList<string> parameters, ReadOnlyMemory<byte>? payload)
    {
        var tokens = parameters is string[] array ? array : [.. parameters];
        if (payload is { } body)
        {
            MsnpWriter.WritePayloadCommand(output, code, trId, tokens, body.Span);
        }
        else
        {
            MsnpWriter.WriteLine(output, code, trId, tokens);
        }
    }

    private async Task WriteAsync(Action<PipeWriter> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task flushing;
        try
        {
            if (!IsConnected)
            {
                throw new MsnpConnectionClosedException(_reason, _error);
            }

            write(_writer);

            // Once written, the command goes out whole: the flush belongs to the connection, not to the
            // caller's token. Cancelling a socket write part-way would leave half a command on the wire,
            // and the server would read whatever comes next as its remainder.
            flushing = FlushThenReleaseAsync();
        }
        catch
        {
            _writeLock.Release();
            throw;
        }

        // The caller may stop waiting; the lock stays held until the bytes are out.
        await flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushThenReleaseAsync()
    {
        try
        {
            var result = await _writer.FlushAsync(_lifetime.Token).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                throw new MsnpConnectionClosedException(_reason, _error);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            throw new MsnpConnectionClosedException(_reason, _error);
        }
        catch (IOException ex) when (ex is not MsnpConnectionClosedException)
        {
            Close(DisconnectReason.NetworkError, ex);
            throw new MsnpConnectionClosedException(DisconnectReason.NetworkError, ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _dispatchLoop = Task.Run(DispatchLoopAsync);
    }

    private async Task ReadLoopAsync()
    {
        var reason = DisconnectReason.ClosedByServer;
        Exception? error = null;
        try
        {
            var result = await FrameLoop.RunAsync(_reader, new InboundFrames(this), _lifetime.Token).ConfigureAwait(false);

            // Stopped only when a frame did not decode (EnqueueAsync).
            if (result.End is FrameLoopEnd.Violation or FrameLoopEnd.Stopped)
            {
                var violation = result.End == FrameLoopEnd.Violation ? result.Violation : _decodeViolation;
                error = new InvalidDataException($"The server broke MSNP framing: {violation.Describe()}.");
                reason = DisconnectReason.ProtocolViolation;
            }
        }
        catch (OperationCanceledException)
        {
            reason = DisconnectReason.ClosedLocally;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            reason = IsConnected ? DisconnectReason.NetworkError : _reason;
            error = ex;
        }

        Close(reason, error);
    }

    // Decodes a frame and queues it for the dispatcher; false (stop reading) when it does not decode.
    private ValueTask<bool> EnqueueAsync(MsnpFrame frame)
    {
        if (!MsnpCommand.TryDecode(frame, _limits, out var command, out var violation))
        {
            _decodeViolation = violation;
            return new(false);
        }

        return _inbound.Writer.TryWrite(command!) ? new(true) : WaitForRoomAsync(command!);
    }

    // Full in Wait mode: stop reading the socket until the dispatcher catches up.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitForRoomAsync(MsnpCommand command)
    {
        await _inbound.Writer.WriteAsync(command, _lifetime.Token).ConfigureAwait(false);
        return true;
    }

    private async Task DispatchLoopAsync()
    {
        await foreach (var command in _inbound.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Dispatch(command);
            }
            catch (Exception ex)
            {
                // A faulty handler must not stop the connection from delivering later commands; it is reported instead.
                ReportHandlerFailure(command, ex);
            }
        }

        var closed = new MsnpConnectionClosedException(_reason, _error);
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetException(closed);
        }

        ClientLog.ConnectionEnded(_logger, Dialect.Name, _reason, _error);
        try
        {
            Disconnected?.Invoke(this, new DisconnectedEventArgs(_reason, _error));
        }
        catch (Exception ex)
        {
            ReportHandlerFailure(null, ex);
        }
    }

    private void ReportHandlerFailure(MsnpCommand? command, Exception error)
    {
        ClientLog.HandlerFailed(_logger, command?.Code.ToString() ?? "Disconnected", error);
        try
        {
            HandlerFailed?.Invoke(this, new HandlerFailedEventArgs(command, error));
        }
        catch (Exception again)
        {
            // The reporting handler failed too: logging is all that is left.
            ClientLog.HandlerFailed(_logger, "HandlerFailed", again);
        }
    }

    private void OnDropped(MsnpCommand command)
    {
        ClientLog.CommandDropped(_logger, command.Code.ToString());
        try
        {
            CommandDropped?.Invoke(this, new InboundCommandDroppedEventArgs(command));
        }
        catch (Exception ex)
        {
            ClientLog.HandlerFailed(_logger, "CommandDropped", ex);
        }
    }

    private void Dispatch(MsnpCommand command)
    {
        if (command.TrId is { } trId && _pending.TryGetValue(trId, out var pending))
        {
            if (command.IsError)
            {
                _pending.TryRemove(trId, out _);
                pending.Completion.TrySetException(new MsnpException((MsnpErrorCode)command.Code.ErrorNumber, pending.Command));
                return;
            }

            if (pending.IsFinal is null || pending.IsFinal(command))
            {
                // Removed here, not by the waiter, so later lines with this TrID (MSNP2–7 SYN) reach handlers.
                _pending.TryRemove(trId, out _);
                pending.Completion.TrySetResult(command);
                return;
            }

            if (pending.OnIntermediate is { } intermediate)
            {
                intermediate(command);
                return;
            }
        }

        if (_handlers.TryGetValue(command.Code, out var handler))
        {
            handler(command);
        }
        else
        {
            UnhandledCommand?.Invoke(command);
        }
    }

    private void Close(DisconnectReason reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _reason = reason;
        _error = error;
        _transport.Close();
        _lifetime.Cancel();
        _inbound.Writer.TryComplete();
    }

    // The socket side of the connection for FrameLoop: frames with the connection's scanner into the inbound queue.
    private readonly struct InboundFrames(MsnpConnection owner) : IFrameHandler
    {
        public FrameScanner Scanner => owner._scanner;

        public ValueTask<bool> OnFrameAsync(MsnpFrame frame) => owner.EnqueueAsync(frame);

        public void OnConsumed(long bytes)
        {
        }
    }
}
