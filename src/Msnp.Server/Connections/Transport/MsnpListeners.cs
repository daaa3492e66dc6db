using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Server.Limits;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// The MSNP listeners (dispatch, notification, switchboard) outside Kestrel: each accepts sockets
/// (counted by the <see cref="AcceptedSocketBudget"/>), wraps them as <see cref="SocketConnection"/>s
/// and runs the role's <see cref="ConnectionHandler"/>. Kestrel keeps the HTTP listeners. What an idle
/// connection costs here is the socket, its connection object and the handler's own state; Kestrel's
/// per-connection bookkeeping (its connection object and task, the connection table, log scope,
/// metrics context, two token sources) is not paid (docs/benchmarks.md, memory per idle connection).
/// </summary>
/// <remarks>
/// On stop, after <see cref="Hosting.ShutdownSignOut"/> (a lifecycle step that runs before any
/// hosted service stops): the listening sockets close, every connection is asked to close after
/// what is queued (<see cref="SocketConnection.RequestClose"/>), and those still open when the
/// host's shutdown timeout ends are aborted, as Kestrel does with its own connections.
/// </remarks>
public sealed class MsnpListeners : IHostedService
{
    // Kestrel's default backlog.
    private const int Backlog = 512;

    private readonly List<Listener> _listeners = [];
    private readonly IServiceProvider _services;
    private readonly AcceptedSocketBudget _budget;
    private readonly ILogger<MsnpListeners> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Open connections, as an intrusive list (two fields per connection) under _sync, for the stop.
    private SocketConnection? _first;
    private int _open;

    /// <summary>Creates the listeners; <see cref="Add{THandler}"/> names them before the host starts.</summary>
    public MsnpListeners(IServiceProvider services, AcceptedSocketBudget budget, ILogger<MsnpListeners> logger)
    {
        _services = services;
        _budget = budget;
        _logger = logger;
    }

    /// <summary>Cancelled when the host stops; every connection is then asked to close after what is queued (<see cref="SocketConnection.RequestClose"/>).</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Connections open now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Adds a listener on <paramref name="endPoint"/> (port 0: any free port) whose connections <typeparamref name="THandler"/> runs.</summary>
    /// <returns>A handle whose <see cref="MsnpListener.EndPoint"/> is the bound address once the host started.</returns>
    public MsnpListener Add<THandler>(IPEndPoint endPoint)
        where THandler : ConnectionHandler
    {
        var listener = new Listener(this, endPoint, typeof(THandler));
        _listeners.Add(listener);
        return listener;
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var listener in _listeners)
            {
                listener.Bind(_services);
            }
        }
        catch
        {
            foreach (var listener in _listeners)
            {
                listener.Close();
            }

            throw;
        }

        foreach (var listener in _listeners)
        {
            listener.Start();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            listener.Close();
        }

        // Cancelled before the count is looked at, so either this check or the last Closed sees zero,
        // and before the list is copied, so a connection opened after the copy is asked in Opened.
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_sync)
        {
            if (_open == 0)
            {
                _allClosed.TrySetResult();
            }
        }

        foreach (var connection in Snapshot())
        {
            connection.RequestClose();
        }

        try
        {
            await _allClosed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: drop the rest, and give their handlers a moment to end.
            foreach (var connection in Snapshot())
            {
                connection.Abort(new ConnectionAbortedException("The server is stopping."));
            }

            try
            {
                await _allClosed.Task.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <summary>The connections open now (a copy).</summary>
    internal List<SocketConnection> Snapshot()
    {
        var all = new List<SocketConnection>();
        lock (_sync)
        {
            for (var c = _first; c is not null; c = c.NextOpen)
            {
                all.Add(c);
            }
        }

        return all;
    }

    private void Opened(SocketConnection connection)
    {
        lock (_sync)
        {
            connection.NextOpen = _first;
            if (_first is not null)
            {
                _first.PreviousOpen = connection;
            }

            _first = connection;
            _open++;
            if (_stopping.IsCancellationRequested)
            {
                connection.RequestClose();
            }
        }
    }

    private void Closed(SocketConnection connection)
    {
        lock (_sync)
        {
            if (connection.PreviousOpen is { } previous)
            {
                previous.NextOpen = connection.NextOpen;
            }
            else if (_first == connection)
            {
                _first = connection.NextOpen;
            }

            if (connection.NextOpen is { } next)
            {
                next.PreviousOpen = connection.PreviousOpen;
            }

            connection.NextOpen = connection.PreviousOpen = null;
            _open--;
            if (_open == 0 && _stopping.IsCancellationRequested)
            {
                _allClosed.TrySetResult();
            }
        }

        _budget.Return();
    }

    // Runs a connection's handler; when it ends the socket is closed and the connection forgotten.
    // The handler's task holds the only continuation (one delegate), so an idle connection keeps no
    // task or state machine of this class.
    private static void Run(ConnectionHandler handler, SocketConnection connection)
    {
        Task task;
        try
        {
            task = handler.OnConnectedAsync(connection);
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }

        connection.HandlerTask = task;
        if (task.IsCompleted)
        {
            connection.HandlerEnded();
        }
        else
        {
            task.GetAwaiter().UnsafeOnCompleted(connection.HandlerEnded);
        }
    }

    /// <summary>A connection's handler ended: log a failure, close the socket, forget the connection.</summary>
    internal void End(Task handler, SocketConnection connection)
    {
        if (handler.Exception is { } failure)
        {
            Diagnostics.ServerLog.ConnectionHandlerFailed(_logger, connection.ConnectionId, failure.InnerException ?? failure);
        }

        var disposed = connection.DisposeAsync();
        if (disposed.IsCompleted)
        {
            Closed(connection);
        }
        else
        {
            _ = DisposeLateAsync(disposed, connection);
        }
    }

    private async Task DisposeLateAsync(ValueTask disposed, SocketConnection connection)
    {
        try
        {
            await disposed.ConfigureAwait(false);
        }
        finally
        {
            Closed(connection);
        }
    }

    /// <summary>One listening socket and its accept loop.</summary>
    private sealed class Listener(MsnpListeners owner, IPEndPoint requested, Type handlerType) : MsnpListener
    {
        private Socket? _socket;
        private ConnectionHandler? _handler;

        public override IPEndPoint EndPoint => (IPEndPoint?)_socket?.LocalEndPoint ?? requested;

        public void Bind(IServiceProvider services)
        {
            _handler = (ConnectionHandler)ActivatorUtilities.CreateInstance(services, handlerType);

            // Kestrel's own socket set-up (dual mode for [::], address reuse as Kestrel does it here).
            Socket socket;
            try
            {
                socket = SocketTransportOptions.CreateDefaultBoundListenSocket(requested);
            }
            catch (SocketException e)
            {
                throw BindFailure(e);
            }

            try
            {
                socket.Listen(Backlog);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw BindFailure(e);
            }

            _socket = socket;
        }

        // The same shape Kestrel gives its own listeners' failures, so `msnp serve` names the port
        // and its option whichever transport could not bind.
        private IOException BindFailure(SocketException e) => e.SocketErrorCode == SocketError.AddressAlreadyInUse
            ? new IOException($"Failed to bind to address {requested}: address already in use.", new AddressInUseException(e.Message, e))
            : new IOException($"Failed to bind to address {requested}: {e.Message}", e);

        public void Start() => _ = Task.Run(AcceptLoopAsync);

        public void Close() => _socket?.Dispose();

        private async Task AcceptLoopAsync()
        {
            var stopping = owner.Stopping;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    // Past the caps plus headroom, wait: the rest of a flood waits in the kernel's backlog.
                    await owner._budget.TakeAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                Socket accepted;
                try
                {
                    accepted = await _socket!.AcceptAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException || (e is SocketException s && s.SocketErrorCode == SocketError.OperationAborted))
                {
                    owner._budget.Return();
                    return;
                }
                catch (SocketException)
                {
                    // A peer that reset before its accept completed: take the next one (as Kestrel does).
                    owner._budget.Return();
                    continue;
                }

                SocketConnection connection;
                try
                {
                    connection = new SocketConnection(accepted, owner);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    accepted.Dispose();
                    owner._budget.Return();
                    continue;
                }

                owner.Opened(connection);
                ThreadPool.UnsafeQueueUserWorkItem(static state => Run(state.Handler, state.Connection), (Handler: _handler!, Connection: connection), preferLocal: false);
            }
        }
    }
}

/// <summary>A listener of <see cref="MsnpListeners"/>.</summary>
public abstract class MsnpListener
{
    /// <summary>The bound address (the requested one until the host started).</summary>
    public abstract IPEndPoint EndPoint { get; }
}
