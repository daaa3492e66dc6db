using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Msnp.Protocol.Framing;
using Msnp.Server.Limits;

namespace Msnp.Server.Connections;

/// <summary>
/// The read loop shared by every TCP role: frames the input with the session's scanner, hands
/// each frame to the session, and advances the pipe only past complete frames, so buffering is
/// bounded by the scanner's line and payload limits.
/// </summary>
public abstract class MsnpConnectionHandler : ConnectionHandler
{
    private readonly ILogger _logger;
    private readonly int _outputLimit;
    private readonly ConnectionLimiter? _limiter;
    private readonly Func<CommandPacer?>? _pacer;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler.</summary>
    /// <param name="logger">Where connection ends are logged.</param>
    /// <param name="outputLimit">Unsent bytes a connection may hold.</param>
    /// <param name="limiter">Counts connections per server and per address; a refused connection is closed right after accept.</param>
    /// <param name="pacer">Makes each connection's command pacer (fair share), or null for none.</param>
    /// <param name="time">The clock of connection deadlines (the system clock when null).</param>
    protected MsnpConnectionHandler(ILogger logger, int outputLimit, ConnectionLimiter? limiter = null, Func<CommandPacer?>? pacer = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger;
        _outputLimit = outputLimit;
        _limiter = limiter;
        _pacer = pacer;
    }

    /// <summary>Creates the session for a new connection.</summary>
    protected abstract IMsnpSession CreateSession(MsnpConnection connection);

    /// <inheritdoc/>
    public override async Task OnConnectedAsync(ConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The HTTP gateway counts its sessions itself, so that it can refuse one with an HTTP answer.
        var counted = _limiter is not null && context.Features.Get<Gateway.IHttpGatewayFeature>() is null;
        var refusal = ConnectionRefusal.None;
        using var lease = counted ? _limiter!.TryAcquire(PeerAddress.Of(context.RemoteEndPoint), ConnectionClass.Msnp, out refusal) : null;
        if (counted && lease is null)
        {
            // Over a connection limit: close at once (a FIN, no bytes), before any session state exists.
            _logger.LogDebug("Connection {Id} from {Remote} refused: {Limit} connection limit", context.ConnectionId, context.RemoteEndPoint, refusal);
            return;
        }

        if (lease is not null)
        {
            context.Features.Set<IConnectionSignInFeature>(lease);
        }

        var connection = new MsnpConnection(context, _outputLimit, _time) { Pacer = _pacer?.Invoke() };
        var session = CreateSession(connection);

        // When the writer ends (the session closed and everything queued was sent), it wakes the
        // reader, so a close requested from another thread (OUT OTH, shutdown) does not wait for client bytes.
        var writer = connection.Output.RunAsync(context.Transport.Output, context.ConnectionClosed, wakeWhenDone: context.Transport.Input);

        // On shutdown Kestrel asks every connection to close and waits for them (up to its
        // timeout): close after what is queued, e.g. OUT SSD, instead of waiting for the peer.
        using var closeRequested = context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(static state => ((MsnpConnection)state!).Close(), connection);
        try
        {
            // The first frame is read under the first-command deadline, the rest without a token:
            // the connection's deadline and Abort wake the reader with CancelPendingRead, so an
            // idle connection holds no registration (docs/benchmarks.md, idle connections).
            var input = context.Transport.Input;
            var result = default(FrameLoopResult);
            var firstCommand = FirstCommandTimeout();
            if (firstCommand is { } timeout)
            {
                result = await ReadFirstCommandAsync(input, connection, session, timeout).ConfigureAwait(false);
            }

            if (firstCommand is null || (result.End == FrameLoopEnd.Stopped && !connection.IsClosing))
            {
                result = await FrameLoop.RunAsync(input, new SessionFrames(connection, session, justOne: false), CancellationToken.None).ConfigureAwait(false);
            }

            End(result, connection, session);
        }
        catch (OperationCanceledException) when (connection.DeadlinePassed)
        {
            // The pacer's wait or a storage call was cancelled by the deadline.
            session.OnDeadline();
            connection.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
        {
            _logger.LogDebug("Connection {Id} ended: {Reason}", connection.Id, connection.AbortReason ?? ex.GetType().Name);
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
            connection.Close();
            try
            {
                await writer.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or TimeoutException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
            {
            }

            connection.DisposeDeadline();
        }
    }

    // A connection that has not sent one complete command within FirstCommandTimeout is closed
    // (without a reply): idle and half-open connections give their slot back quickly.
    private TimeSpan? FirstCommandTimeout()
    {
        var timeout = _limiter?.Limits.FirstCommandTimeout ?? Timeout.InfiniteTimeSpan;
        return timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan ? timeout : null;
    }

    // A method of its own, so the deadline's token source is not a field of the connection's state
    // machine, which every idle connection keeps for its whole life.
    private async Task<FrameLoopResult> ReadFirstCommandAsync(PipeReader input, MsnpConnection connection, IMsnpSession session, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        return await FrameLoop.RunAsync(input, new SessionFrames(connection, session, justOne: true), deadline.Token).ConfigureAwait(false);
    }

    // A violation closes the connection without a reply (docs/limits.md); a read cancelled by the
    // deadline lets the session answer it first.
    private static void End(FrameLoopResult result, MsnpConnection connection, IMsnpSession session)
    {
        if (result.End == FrameLoopEnd.Violation)
        {
            session.OnViolation(result.Violation);
            connection.Close();
        }
        else if (result.End == FrameLoopEnd.Canceled && connection.DeadlinePassed)
        {
            session.OnDeadline();
            connection.Close();
        }
    }
}
