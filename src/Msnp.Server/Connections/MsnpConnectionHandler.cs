using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Msnp.Protocol.Framing;
using Msnp.Server.Diagnostics;
using Msnp.Server.Limits;

namespace Msnp.Server.Connections;

/// <summary>
/// The read loop shared by every TCP role: frames the input with the session's scanner, hands
/// each frame to the session, and advances the pipe only past complete frames, so buffering is
/// bounded by the scanner's line and payload limits.
/// </summary>
/// <remarks>
/// The loop is the protocol library's <see cref="FrameLoop"/> written out in the handler's own
/// method, so that an idle connection waits in one state machine instead of two nested ones
/// (docs/benchmarks.md, memory per idle connection).
/// </remarks>
public abstract class MsnpConnectionHandler : ConnectionHandler
{
    private readonly ILogger _logger;
    private readonly int _outputLimit;
    private readonly ConnectionLimiter? _limiter;
    private readonly Func<CommandPacer?>? _pacer;
    private readonly TimeProvider _time;
    private readonly string _listener;

    // The metrics' tags of the last port and transport seen: a handler serves one listener, so
    // this is built once.
    private KeyValuePair<string, object?>[]? _tags;

    /// <summary>Creates the handler.</summary>
    /// <param name="logger">Where connection ends are logged.</param>
    /// <param name="outputLimit">Unsent bytes a connection may hold.</param>
    /// <param name="limiter">Counts connections per server and per address; a refused connection is closed right after accept.</param>
    /// <param name="pacer">Makes each connection's command pacer (fair share), or null for none.</param>
    /// <param name="time">The clock of connection deadlines (the system clock when null).</param>
    /// <param name="listener">The role, as the connection metrics' <c>listener</c> tag (dispatch, notification, switchboard).</param>
    protected MsnpConnectionHandler(ILogger logger, int outputLimit, ConnectionLimiter? limiter = null, Func<CommandPacer?>? pacer = null, TimeProvider? time = null, string listener = "msnp")
    {
        _time = time ?? TimeProvider.System;
        _logger = logger;
        _outputLimit = outputLimit;
        _limiter = limiter;
        _pacer = pacer;
        _listener = listener;
    }

    /// <summary>Creates the session for a new connection.</summary>
    protected abstract IMsnpSession CreateSession(MsnpConnection connection);

    /// <summary>
    /// True when the replies to one receive's commands are sent from the reading thread once they
    /// are handled (<see cref="OutboundBuffer.HoldForReader"/>) instead of by a drain queued on the
    /// thread pool at the first reply: request/answer roles (dispatch, notification). The
    /// switchboard batches its relays across connections itself.
    /// </summary>
    protected virtual bool SendsRepliesFromReader => false;

    /// <inheritdoc/>
    public override Task OnConnectedAsync(ConnectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The HTTP gateway counts its sessions itself, so that it can refuse one with an HTTP answer.
        var overHttp = context.Features.Get<Gateway.IHttpGatewayFeature>() is not null;
        var counted = _limiter is not null && !overHttp;
        var refusal = ConnectionRefusal.None;
        var lease = counted ? _limiter!.TryAcquire(PeerAddress.Of(context.RemoteEndPoint), ConnectionClass.Msnp, out refusal) : null;
        if (counted && lease is null)
        {
            // Over a connection limit: close at once (a FIN, no bytes), before any session state exists.
            _logger.LogDebug("Connection {Id} from {Remote} refused: {Limit} connection limit", context.ConnectionId, context.RemoteEndPoint, refusal);
            return Task.CompletedTask;
        }

        MsnpConnection connection;
        IMsnpSession session;
        try
        {
            connection = new MsnpConnection(context, _outputLimit, _time, lease) { Pacer = _pacer?.Invoke() };
            session = CreateSession(connection);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }

        return RunAsync(connection, session, TagsFor(context.LocalEndPoint, overHttp));
    }

    // One async method for the connection's whole life: the first command under its deadline, then
    // every frame until the connection ends. Only what is used after an await is hoisted into the
    // state machine, which an idle connection keeps while it waits for bytes.
    private async Task RunAsync(MsnpConnection connection, IMsnpSession session, KeyValuePair<string, object?>[] tags)
    {
        var opened = Stopwatch.GetTimestamp();
        ServerMetrics.Connections.Add(1, tags);

        // When the writer ends (the session closed and everything queued was sent), it wakes the
        // reader, so a close requested from another thread (OUT OTH, shutdown) does not wait for client bytes.
        connection.StartOutput();

        // On shutdown the listeners ask every connection to close and wait for them (up to the
        // host's timeout): close after what is queued, e.g. OUT SSD, instead of waiting for the peer.
        using var closeRequested = connection.OnCloseRequested();
        try
        {
            // The first frame is read under the first-command deadline, the rest without a token:
            // the connection's deadline and Abort wake the reader with CancelPendingRead, so an
            // idle connection holds no registration (docs/benchmarks.md, idle connections).
            var firstCommand = FirstCommandTimeout() is { } timeout ? new CancellationTokenSource(timeout, _time) : null;
            var input = connection.Input;
            var output = SendsRepliesFromReader ? connection.Output : null;
            var end = FrameLoopEnd.Completed;
            var violation = default(FramingViolation);
            try
            {
                var reading = true;
                while (reading)
                {
                    // The read's flags, not the whole result, outlive the frames' awaits.
                    var result = await input.ReadAsync(firstCommand?.Token ?? CancellationToken.None).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    var canceled = result.IsCanceled;
                    var completed = result.IsCompleted;
                    long unread = buffer.Length;
                    output?.HoldForReader();
                    try
                    {
                        while (true)
                        {
                            var status = session.Scanner.TryRead(buffer, out var frame, out violation);
                            if (status == ScanStatus.NeedMoreData)
                            {
                                break;
                            }

                            if (status == ScanStatus.Violation)
                            {
                                end = FrameLoopEnd.Violation;
                                reading = false;
                                break;
                            }

                            var frameEnd = frame.End;
                            var handled = new SessionFrames(connection, session).OnFrameAsync(frame);
                            bool more;
                            if (handled.IsCompletedSuccessfully)
                            {
                                more = handled.Result;
                            }
                            else
                            {
                                // A handler that waits (another node, PostgreSQL, the pacer) must not hold back
                                // the replies before it, nor what others send this connection, while it waits.
                                output?.SendFromReader();
                                more = await handled.ConfigureAwait(false);
                            }
                            buffer = buffer.Slice(frameEnd);
                            if (firstCommand is not null)
                            {
                                // One complete command arrived in time: its deadline is no longer needed.
                                firstCommand.Dispose();
                                firstCommand = null;
                            }

                            if (!more)
                            {
                                end = FrameLoopEnd.Stopped;
                                reading = false;
                                break;
                            }
                        }
                    }
                    catch
                    {
                        // Give back what was handled, but let the caller see the handler's or the reader's
                        // error rather than the reader refusing AdvanceTo because it was completed meanwhile.
                        try
                        {
                            Advance(input, session, output, unread, buffer);
                        }
                        catch (InvalidOperationException)
                        {
                        }

                        throw;
                    }

                    Advance(input, session, output, unread, buffer);
                    if (reading && (canceled || completed))
                    {
                        end = canceled ? FrameLoopEnd.Canceled : FrameLoopEnd.Completed;
                        reading = false;
                    }
                }
            }
            finally
            {
                firstCommand?.Dispose();
            }

            End(end, violation, connection, session);
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
            await EndAsync(connection, session).ConfigureAwait(false);
            ServerMetrics.Connections.Add(-1, tags);
            ServerMetrics.ConnectionDuration.Record(Stopwatch.GetElapsedTime(opened).TotalSeconds, tags);
        }
    }

    // The session ends, then the output sends what is queued (for at most 5 s). A method of its
    // own, so its awaiters are not fields of the read loop's state machine, which every idle
    // connection keeps.
    private static async Task EndAsync(MsnpConnection connection, IMsnpSession session)
    {
        await session.DisposeAsync().ConfigureAwait(false);
        connection.Close();
        try
        {
            // Usually done already (the reader sent the last replies and the close itself): no timer then.
            var done = connection.OutputDone;
            if (!done.IsCompleted)
            {
                await done.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            else
            {
                await done.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or TimeoutException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
        {
        }

        connection.DisposeDeadline();
        connection.ReleaseLease();
    }

    // Everything consumed counts as examined as well, so the next read waits for more bytes; the
    // bytes consumed are counted as received, the session wakes the writers of what the
    // receive's frames sent (IMsnpSession.OnFramesHandled), and the replies held for the reader go out.
    private static void Advance(PipeReader input, IMsnpSession session, OutboundBuffer? output, long unread, in ReadOnlySequence<byte> buffer)
    {
        if (unread != buffer.Length)
        {
            ServerMetrics.BytesReceived.Add(unread - buffer.Length);
            session.OnFramesHandled();
        }

        output?.SendFromReader();
        input.AdvanceTo(buffer.Start, buffer.End);
    }

    // A connection that has not sent one complete command within FirstCommandTimeout is closed
    // (without a reply): idle and half-open connections give their slot back quickly.
    private TimeSpan? FirstCommandTimeout()
    {
        var timeout = _limiter?.Limits.FirstCommandTimeout ?? Timeout.InfiniteTimeSpan;
        return timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan ? timeout : null;
    }

    private KeyValuePair<string, object?>[] TagsFor(EndPoint? local, bool overHttp)
    {
        var port = (local as IPEndPoint)?.Port ?? 0;
        var transport = overHttp ? "http" : "tcp";
        var tags = Volatile.Read(ref _tags);
        if (tags is null || (int)tags[2].Value! != port || !ReferenceEquals(tags[1].Value, transport))
        {
            tags = [new("listener", _listener), new("transport", transport), new("port", port)];
            Volatile.Write(ref _tags, tags);
        }

        return tags;
    }

    // A violation closes the connection without a reply (docs/limits.md); a read cancelled by the
    // deadline lets the session answer it first.
    private static void End(FrameLoopEnd end, FramingViolation violation, MsnpConnection connection, IMsnpSession session)
    {
        if (end == FrameLoopEnd.Violation)
        {
            session.OnViolation(violation);
            connection.Close();
        }
        else if (end == FrameLoopEnd.Canceled && connection.DeadlinePassed)
        {
            session.OnDeadline();
            connection.Close();
        }
    }
}
