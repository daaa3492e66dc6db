using System.Collections;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// One accepted MSNP socket as Kestrel's <see cref="ConnectionContext"/>, its own duplex pipe and
/// its own feature collection (one object instead of several). The reader waits with a zero-byte
/// receive and holds a buffer only while bytes are unread; the writer sends on flush from its
/// caller's thread. An idle connection therefore holds this object, its reader and writer, the
/// <see cref="Socket"/> with the runtime's pending receive, and no buffer, pipe or pump loop.
/// </summary>
internal sealed class SocketConnection : ConnectionContext, IDuplexPipe, IFeatureCollection, IConnectionLifetimeNotificationFeature
{
    private const int Slots = 2;
    private static long s_lastId;

    private readonly Socket _socket;
    private readonly SocketReader _reader;
    private readonly SocketWriter _writer;
    private readonly EndPoint? _remote;
    private CancellationTokenSource? _closed;
    private string? _id;
    private IDictionary<object, object?>? _items;
    private int _socketClosed;

    // RequestClose: the handler's connection, closed when a close is requested (a field instead of
    // a registration per connection), a flag so that one asked for before the handler registered
    // still counts, and a token made only for someone who asks for it.
    private MsnpConnection? _closeTarget;
    private int _closeRequested;
    private CancellationTokenSource? _closeRequestedToken;

    // The connection's own features answer from its fields; others take slots in a small array
    // (made on the first Set: the MSNP handler sets none), and any beyond those a list.
    private (Type? Key, object? Value)[]? _features;
    private List<KeyValuePair<Type, object>>? _other;
    private int _revision;

    private readonly MsnpListeners _owner;

    public SocketConnection(Socket socket, MsnpListeners owner)
    {
        _owner = owner;
        _socket = socket;
        _socket.NoDelay = true;

        // Non-blocking: a receive or send that would wait returns WouldBlock at once and the
        // reader or writer waits asynchronously instead.
        _socket.Blocking = false;
        _remote = socket.RemoteEndPoint;
        _reader = new SocketReader(this, socket);
        _writer = new SocketWriter(this, socket);
    }

    public override string ConnectionId
    {
        // Made only when something logs it.
        get => _id ??= "M" + Interlocked.Increment(ref s_lastId).ToString("X", CultureInfo.InvariantCulture);
        set => _id = value;
    }

    public override IFeatureCollection Features => this;

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    public override IDuplexPipe Transport
    {
        get => this;
        set => throw new NotSupportedException("The MSNP socket transport's pipe cannot be replaced.");
    }

    public override CancellationToken ConnectionClosed
    {
        get => LazyInitializer.EnsureInitialized(ref _closed).Token;
        set => throw new NotSupportedException("The connection-closed token is the transport's.");
    }

    public override EndPoint? RemoteEndPoint
    {
        get => _remote;
        set => throw new NotSupportedException("The remote address is the socket's.");
    }

    public override EndPoint? LocalEndPoint
    {
        get
        {
            try
            {
                return _socket.LocalEndPoint;
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
        }

        set => throw new NotSupportedException("The local address is the socket's.");
    }

    /// <summary>The listeners' open-connection list (see <see cref="MsnpListeners"/>).</summary>
    internal SocketConnection? NextOpen { get; set; }

    /// <summary>The listeners' open-connection list (see <see cref="MsnpListeners"/>).</summary>
    internal SocketConnection? PreviousOpen { get; set; }

    /// <summary>The handler running this connection.</summary>
    internal Task? HandlerTask { get; set; }

    // Cancelled by RequestClose (the listeners call it for every connection when the server stops).
    CancellationToken IConnectionLifetimeNotificationFeature.ConnectionClosedRequested
    {
        get
        {
            if (Volatile.Read(ref _closeRequested) != 0)
            {
                return new CancellationToken(canceled: true);
            }

            var token = LazyInitializer.EnsureInitialized(ref _closeRequestedToken).Token;

            // A request between the check and the token's creation may not have seen the token.
            if (Volatile.Read(ref _closeRequested) != 0)
            {
                CancelCloseRequestedToken();
            }

            return token;
        }

        set => throw new NotSupportedException("The close request is the transport's.");
    }

    /// <summary>
    /// Asks the connection to close after what is queued: its handler's connection closes (now, or
    /// as soon as it registers) and the close-request token is cancelled. Idempotent.
    /// </summary>
    public void RequestClose()
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _closeTarget, null)?.Close();
        CancelCloseRequestedToken();
    }

    /// <summary>Closes <paramref name="connection"/> when a close is requested (at once if one already was).</summary>
    internal void OnCloseRequested(MsnpConnection connection)
    {
        Volatile.Write(ref _closeTarget, connection);

        // RequestClose sets the flag before it takes the target, so one of the two closes it.
        if (Volatile.Read(ref _closeRequested) != 0)
        {
            Interlocked.Exchange(ref _closeTarget, null)?.Close();
        }
    }

    private void CancelCloseRequestedToken()
    {
        try
        {
            Volatile.Read(ref _closeRequestedToken)?.Cancel();
        }
        catch (AggregateException)
        {
        }
    }

    /// <summary>The handler's task ended.</summary>
    internal void HandlerEnded() => _owner.End(HandlerTask!, this);

    PipeReader IDuplexPipe.Input => _reader;

    PipeWriter IDuplexPipe.Output => _writer;

    /// <summary>Why the connection was aborted, once it was; reads then fail with it.</summary>
    internal ConnectionAbortedException? AbortReason { get; private set; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        AbortReason ??= abortReason;
        CloseSocket();
    }

    public override void Abort() => Abort(new ConnectionAbortedException("The connection was aborted by the application."));

    public override ValueTask DisposeAsync()
    {
        // Everything queued was flushed by the session's writer before the handler returned; a
        // shutdown then sends the FIN after it.
        CloseSocket();
        _reader.Release();
        _writer.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>The peer is gone (a send failed): end the socket so the reader sees it too.</summary>
    internal void OnSendFailed() => CloseSocket();

    private void CloseSocket()
    {
        if (Interlocked.Exchange(ref _socketClosed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
        Volatile.Write(ref _closeTarget, null);
        try
        {
            Volatile.Read(ref _closed)?.Cancel();
        }
        catch (AggregateException)
        {
        }
    }

    // IFeatureCollection: a handful of known slots, the rest in a list.
    bool IFeatureCollection.IsReadOnly => false;

    int IFeatureCollection.Revision => _revision;

    object? IFeatureCollection.this[Type key]
    {
        get => GetFeature(key);
        set => SetFeature(key, value);
    }

    TFeature? IFeatureCollection.Get<TFeature>() where TFeature : default => (TFeature?)GetFeature(typeof(TFeature));

    void IFeatureCollection.Set<TFeature>(TFeature? instance) where TFeature : default => SetFeature(typeof(TFeature), instance);

    IEnumerator<KeyValuePair<Type, object>> IEnumerable<KeyValuePair<Type, object>>.GetEnumerator() => Enumerate().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Enumerate().GetEnumerator();

    private object? GetFeature(Type key)
    {
        if (key == typeof(IConnectionLifetimeNotificationFeature))
        {
            return this;
        }

        foreach (var (type, value) in _features ?? [])
        {
            if (type == key)
            {
                return value;
            }
        }

        if (_other is not null)
        {
            foreach (var (type, value) in _other)
            {
                if (type == key)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private void SetFeature(Type key, object? value)
    {
        _revision++;
        _features ??= new (Type?, object?)[Slots];
        var free = -1;
        for (var i = 0; i < _features.Length; i++)
        {
            if (_features[i].Key == key)
            {
                _features[i] = value is null ? default : (key, value);
                return;
            }

            if (_features[i].Key is null && free < 0)
            {
                free = i;
            }
        }

        _other?.RemoveAll(pair => pair.Key == key);
        if (value is null)
        {
            return;
        }

        if (free >= 0)
        {
            _features[free] = (key, value);
        }
        else
        {
            (_other ??= []).Add(new KeyValuePair<Type, object>(key, value));
        }
    }

    private IEnumerable<KeyValuePair<Type, object>> Enumerate()
    {
        foreach (var (type, value) in _features ?? [])
        {
            if (type is not null)
            {
                yield return new KeyValuePair<Type, object>(type, value!);
            }
        }

        if (_other is not null)
        {
            foreach (var pair in _other)
            {
                yield return pair;
            }
        }
    }
}
