using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Msnp.Server.Connections;

/// <summary>
/// One TCP connection of any role: its bounded output, its close/abort controls and a single
/// re-armable deadline used for sign-in, authentication and idle timeouts.
/// </summary>
/// <remarks>
/// An idle signed-in connection is the server's most numerous object, so this one holds no timer
/// while its deadline is disarmed and registers nothing on its cancellation token: the deadline
/// and <see cref="Abort"/> cancel the token (for storage calls in flight) and wake the read loop
/// with <see cref="System.IO.Pipelines.PipeReader.CancelPendingRead"/>.
/// </remarks>
public sealed class MsnpConnection
{
    private readonly ConnectionContext _context;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _aborted = new();
    private readonly Limits.IConnectionSignInFeature? _signIn;

    // The handler took the connection-limit lease and gives it back when the connection ends.
    private readonly bool _ownsLease;

    // Exists only while a deadline is armed; guarded by a lock on _aborted (taken rarely, never contended in practice).
    private ITimer? _deadline;
    private int _closing;

    internal MsnpConnection(ConnectionContext context, int outputLimit, TimeProvider? time = null, Limits.ConnectionLease? lease = null)
    {
        _context = context;

        // The deadline runs on the server's clock, so a test with a manual clock moves it by hand.
        _time = time ?? TimeProvider.System;
        Output = new OutboundBuffer(outputLimit, this);
        IsHttpGateway = context.Features.Get<Gateway.IHttpGatewayFeature>() is not null;
        _signIn = lease ?? context.Features.Get<Limits.IConnectionSignInFeature>();
        _ownsLease = lease is not null;
    }

    /// <summary>True when the connection is a session of the HTTP gateway rather than a TCP socket.</summary>
    public bool IsHttpGateway { get; }

    /// <summary>Kestrel's connection id, for logs.</summary>
    public string Id => _context.ConnectionId;

    /// <summary>The peer's address as seen by the server.</summary>
    public EndPoint? RemoteEndPoint => _context.RemoteEndPoint;

    /// <summary>The address the peer connected to.</summary>
    public EndPoint? LocalEndPoint => _context.LocalEndPoint;

    /// <summary>The transport's input, which the handler's read loop reads.</summary>
    internal PipeReader Input => _context.Transport.Input;

    /// <summary>Completes once the output ended: everything queued before <see cref="Close"/> was sent, or the connection was aborted.</summary>
    internal Task OutputDone => Output.Completion;

    /// <summary>Outgoing bytes, writable from any thread.</summary>
    public OutboundBuffer Output { get; }

    /// <summary>Slows this connection's reading when it sends commands faster than its fair share.</summary>
    public Limits.CommandPacer? Pacer { get; init; }

    /// <summary>True once <see cref="Close"/> or <see cref="Abort"/> was called.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Cancelled when the deadline passes or the connection is aborted.</summary>
    internal CancellationToken ReadCancellation => _aborted.Token;

    /// <summary>True when the deadline passed (the token is cancelled and nobody aborted the connection).</summary>
    internal bool DeadlinePassed => _aborted.IsCancellationRequested && AbortReason is null;

    /// <summary>Why the connection was aborted, when it was.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>Closes the connection after what is already queued has been sent.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            Output.Complete();
        }
    }

    /// <summary>Drops the connection at once, discarding unsent output.</summary>
    public void Abort(string reason)
    {
        AbortReason ??= reason;
        Interlocked.Exchange(ref _closing, 1);
        Output.Complete();
        CancelReading();
        _context.Abort(new ConnectionAbortedException(reason));
    }

    /// <summary>Closes the connection unless something re-arms or disarms the deadline within <paramref name="after"/>.</summary>
    public void ArmDeadline(TimeSpan after)
    {
        lock (_aborted)
        {
            if (after == Timeout.InfiniteTimeSpan)
            {
                _deadline?.Dispose();
                _deadline = null;
                return;
            }

            _deadline ??= _time.CreateTimer(static state => ((MsnpConnection)state!).OnDeadline(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _deadline.Change(after, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The user signed in: the connection leaves the smaller not-signed-in connection limit.</summary>
    public void MarkSignedIn() => _signIn?.SignedIn();

    /// <summary>Lets the output send to the transport; when it ends, the read loop is woken to notice.</summary>
    internal void StartOutput() =>
        // The own transport ends a waiting send itself when the socket closes, and its
        // connection-closed token would otherwise be made for every connection.
        Output.Start(_context.Transport.Output, _context is Transport.SocketConnection ? CancellationToken.None : _context.ConnectionClosed, wakeWhenDone: Input);

    /// <summary>
    /// Closes this connection (after what is queued) when its transport asks, e.g. when the server
    /// stops. The own transport calls <see cref="Close"/> directly; Kestrel's gets a registration
    /// on its close-request token, which the caller disposes.
    /// </summary>
    internal CancellationTokenRegistration OnCloseRequested()
    {
        if (_context is Transport.SocketConnection socket)
        {
            socket.OnCloseRequested(this);
            return default;
        }

        return _context.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(static state => ((MsnpConnection)state!).Close(), this) ?? default;
    }

    /// <summary>Gives back the connection-limit lease the handler took (the gateway's own leases are its own).</summary>
    internal void ReleaseLease()
    {
        if (_ownsLease)
        {
            ((Limits.ConnectionLease)_signIn!).Dispose();
        }
    }

    /// <summary>Removes the deadline.</summary>
    public void DisarmDeadline() => ArmDeadline(Timeout.InfiniteTimeSpan);

    internal void DisposeDeadline()
    {
        DisarmDeadline();
        _aborted.Dispose();
    }

    private void OnDeadline()
    {
        lock (_aborted)
        {
            // A re-arm or disarm that raced with the timer firing wins.
            if (_deadline is null)
            {
                return;
            }
        }

        CancelReading();
    }

    // Cancels storage calls in flight and wakes the read loop, which then ends (FrameLoopEnd.Canceled).
    private void CancelReading()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _context.Transport.Input.CancelPendingRead();
    }
}
