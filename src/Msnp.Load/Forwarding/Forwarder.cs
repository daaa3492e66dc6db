using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Forwarding;

/// <summary>
/// The machine's ceiling for <c>msnp load relay</c> and <c>roundtrip</c>: a notification and a
/// switchboard listener on loopback that answer the scenarios' set-up with canned lines, then
/// forward the bytes between the two legs of each session (<see cref="ForwarderMode"/> says how
/// much it looks at them). It keeps no accounts, lists or presence and checks no ticket: it is
/// what any switchboard must at least do, so the scenario's figure against it is the most this
/// machine can give with the same load side.
/// </summary>
public sealed class Forwarder : IAsyncDisposable
{
    private readonly Socket _notificationListener;
    private readonly Socket _switchboardListener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ForwarderLeg> _online = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SwitchboardCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ForwarderLeg, Task> _legs = new();
    private readonly ForwarderMode _mode;
    private readonly Task[] _accepting;
    private int _lastId;

    private Forwarder(ForwarderMode mode, MsnpDialect dialect)
    {
        _mode = mode;
        Dialect = dialect;
        ClientScanner = new FrameScanner(CommandTable.For(dialect, FrameDirection.ClientToServer));
        _notificationListener = Listen();
        _switchboardListener = Listen();
        Notification = (IPEndPoint)_notificationListener.LocalEndPoint!;
        Switchboard = (IPEndPoint)_switchboardListener.LocalEndPoint!;
        _accepting = [AcceptAsync(_notificationListener, RunNotificationAsync), AcceptAsync(_switchboardListener, RunSwitchboardAsync)];
    }

    /// <summary>Where clients sign in.</summary>
    public IPEndPoint Notification { get; }

    /// <summary>Where <c>XFR SB</c> and <c>RNG</c> send clients.</summary>
    public IPEndPoint Switchboard { get; }

    /// <summary>The version named in <c>VER</c> and used to frame the set-up lines.</summary>
    public MsnpDialect Dialect { get; }

    internal FrameScanner ClientScanner { get; }

    internal CancellationToken Stopping => _stop.Token;

    /// <summary>Starts listening on two free 127.0.0.1 ports.</summary>
    public static Forwarder Start(ForwarderMode mode, MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return new Forwarder(mode, dialect);
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _notificationListener.Dispose();
        _switchboardListener.Dispose();
        foreach (var leg in _legs.Keys)
        {
            leg.Socket.Dispose();
        }

        try
        {
            await Task.WhenAll([.. _accepting, .. _legs.Values]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    internal void SignedIn(ForwarderLeg leg) => _online[leg.Email] = leg;

    internal string IssueCookie(string email)
    {
        var cookie = NextId() + "." + Environment.TickCount64.ToString(CultureInfo.InvariantCulture);
        _cookies[cookie] = email;
        return cookie;
    }

    internal string? TakeCookie(string cookie) => _cookies.TryRemove(cookie, out var email) ? email : null;

    internal (string Id, SwitchboardCall Call) Open(ForwarderLeg caller)
    {
        var id = NextId();
        var call = new SwitchboardCall(caller);
        _calls[id] = call;
        return (id, call);
    }

    internal async ValueTask<bool> RingAsync(string callee, string sessionId, string caller)
    {
        if (!_online.TryGetValue(callee, out var ns))
        {
            return false;
        }

        await ns.SendLineAsync($"RNG {sessionId} {Switchboard} CKI {IssueCookie(callee)} {caller} {caller}", Stopping).ConfigureAwait(false);
        return true;
    }

    internal SwitchboardCall? Answer(string sessionId) => _calls.TryRemove(sessionId, out var call) ? call : null;

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        return listener;
    }

    private string NextId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    private async Task AcceptAsync(Socket listener, Func<ForwarderLeg, Task> run)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var leg = new ForwarderLeg(socket);
            _legs[leg] = Task.Run(() => RunLegAsync(leg, run));
        }
    }

    private async Task RunLegAsync(ForwarderLeg leg, Func<ForwarderLeg, Task> run)
    {
        try
        {
            await run(leg).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException or InvalidDataException or InvalidOperationException)
        {
            // The peer left or the forwarder stops: the leg ends either way.
        }
        finally
        {
            _online.TryRemove(new KeyValuePair<string, ForwarderLeg>(leg.Email, leg));
            leg.Dispose();
            _legs.TryRemove(leg, out _);
        }
    }

    private async Task RunNotificationAsync(ForwarderLeg leg) =>
        await FrameLoop.RunAsync(leg.Reader, new NotificationReplies(this, leg), Stopping).ConfigureAwait(false);

    private async Task RunSwitchboardAsync(ForwarderLeg leg)
    {
        var setUp = new SwitchboardReplies(this, leg);
        var result = await FrameLoop.RunAsync(leg.Reader, setUp, Stopping).ConfigureAwait(false);
        if (result.End != FrameLoopEnd.Stopped || setUp.Call is not { } call)
        {
            return;
        }

        var peer = setUp.IsCaller ? await call.Callee.Task.WaitAsync(Stopping).ConfigureAwait(false) : call.Caller;
        try
        {
            await (_mode == ForwarderMode.Copy ? ByteCopy.RunAsync(leg, peer, Stopping) : AcknowledgingCopy.RunAsync(leg, peer, Stopping)).ConfigureAwait(false);
        }
        finally
        {
            // One side left: the other sees the end of the stream after everything forwarded so far.
            peer.ShutdownSend();
        }
    }
}
