using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Notification;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Gateway;

/// <summary>
/// The open gateway sessions by current SessionID. Each session runs the same notification or
/// switchboard connection handler as the TCP listeners, so commands have one implementation.
/// </summary>
public sealed class GatewaySessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, GatewaySession> _byId = new(StringComparer.Ordinal);
    private readonly ConnectionHandler _notification;
    private readonly ConnectionHandler _switchboard;
    private readonly ConnectionLimiter _limiter;
    private readonly MsnpServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewaySessions> _logger;
    private int _count;
    private TaskCompletionSource _removed = NewSignal();

    /// <summary>Creates the registry over the server's own role handlers.</summary>
    public GatewaySessions(
        NotificationConnectionHandler notification,
        SwitchboardConnectionHandler switchboard,
        ConnectionLimiter limiter,
        IOptions<MsnpServerOptions> options,
        TimeProvider time,
        ILogger<GatewaySessions> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _notification = notification;
        _switchboard = switchboard;
        _limiter = limiter;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The gateway limits.</summary>
    public GatewayOptions Options => _options.Gateway;

    /// <summary>Sessions open now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Starts a session counted like a TCP connection from <paramref name="remote"/> (the HTTP
    /// client), or says why not: the gateway's own session limit, or the server's connection
    /// limits shared with every TCP listener.
    /// </summary>
    internal (GatewaySession? Session, string? Refusal) Open(GatewayServer server, EndPoint? remote, EndPoint? local)
    {
        if (Interlocked.Increment(ref _count) > Options.MaxSessions)
        {
            Interlocked.Decrement(ref _count);
            return (null, "Too many gateway sessions are open; try again later.");
        }

        // A session counts as one connection that has not signed in until its user does.
        var lease = _limiter.TryAcquire(PeerAddress.Of(remote), ConnectionClass.Msnp, out var refusal);
        if (lease is null)
        {
            Interlocked.Decrement(ref _count);
            _logger.LogDebug("Gateway session from {Remote} refused: {Limit} connection limit", remote, refusal);
            return (null, refusal == ConnectionRefusal.PerAddress
                ? "Too many connections from your address; try again later."
                : "The server has reached its connection limit; try again later.");
        }

        var id = NewId();
        var handler = server == GatewayServer.Notification ? _notification : _switchboard;
        var context = new GatewayConnectionContext("gw-" + id[..8], remote, local, 2 * Options.MaxRequestBodyBytes, Options.MaxQueuedResponseBytes);
        context.Features.Set<IConnectionSignInFeature>(lease);
        var session = new GatewaySession(id, server, context, handler.OnConnectedAsync, lease, Options, _time, Expire);
        _byId[id] = session;
        _logger.LogDebug("Gateway session {Connection} opened for {Server}", context.ConnectionId, server);
        return (session, null);
    }

    internal GatewaySession? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Gives the session a fresh SessionID; the old one stops working at once.</summary>
    internal string Rotate(GatewaySession session)
    {
        var next = NewId();
        _byId[next] = session;
        _byId.TryRemove(new KeyValuePair<string, GatewaySession>(session.Id, session));
        session.Id = next;
        return next;
    }

    /// <summary>Forgets a session whose end was reported to the client.</summary>
    internal void Remove(GatewaySession session)
    {
        if (_byId.TryRemove(new KeyValuePair<string, GatewaySession>(session.Id, session)))
        {
            Interlocked.Decrement(ref _count);
            _ = session.DisposeAsync().AsTask();
            Interlocked.Exchange(ref _removed, NewSignal()).TrySetResult();
        }
    }

    /// <summary>
    /// On shutdown, after every user was signed out: waits until the notification sessions have
    /// been polled (so their users received <c>OUT SSD</c> and <c>Session=close</c>), at most
    /// <see cref="GatewayOptions.ShutdownPollWindow"/>. Switchboard sessions are not waited for.
    /// </summary>
    public async Task WaitForSignedOutUsersAsync(CancellationToken cancellationToken = default)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(Options.ShutdownPollWindow);
        while (_byId.Values.Any(s => s.Server == GatewayServer.Notification))
        {
            var removed = Volatile.Read(ref _removed).Task;
            if (!_byId.Values.Any(s => s.Server == GatewayServer.Notification))
            {
                return;
            }

            try
            {
                await removed.WaitAsync(window.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _logger.LogInformation("Shutdown: {Count} gateway users did not poll for their sign-out within {Window}", _byId.Values.Count(s => s.Server == GatewayServer.Notification), Options.ShutdownPollWindow);
                return;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var session in _byId.Values)
        {
            session.Shutdown();
        }

        foreach (var session in _byId.Values)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _byId.Clear();
    }

    private void Expire(GatewaySession session)
    {
        _logger.LogDebug("Gateway session {Connection} expired after {Timeout}", session.Context.ConnectionId, Options.IdleTimeout);
        session.Shutdown();
        Remove(session);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // 128 random bits: a SessionID is the only thing that ties a request to a signed-in user.
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
