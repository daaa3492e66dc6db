using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Msnp.Server.Connections.Transport;

/// <summary>
/// Binds the MSNP listeners (only <see cref="MsnpTransportEndPoint"/>s) on plain sockets whose
/// connections are <see cref="SocketConnection"/>s: the small per-connection transport that lets an
/// idle signed-in user cost a few kilobytes (docs/benchmarks.md, memory per idle connection).
/// </summary>
internal sealed class SocketListenerFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    // Kestrel's default backlog.
    private const int Backlog = 512;

    public bool CanBind(EndPoint endpoint) => endpoint is MsnpTransportEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not MsnpTransportEndPoint ip)
        {
            throw new NotSupportedException($"{endpoint} is not an MSNP listener's address.");
        }

        // Kestrel's own socket set-up (dual mode for [::], address reuse as Kestrel does it on this platform).
        var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(new IPEndPoint(ip.Address, ip.Port));
        try
        {
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return ValueTask.FromResult<IConnectionListener>(new Listener(socket));
    }

    private sealed class Listener(Socket socket) : IConnectionListener
    {
        public EndPoint EndPoint { get; } = socket.LocalEndPoint!;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                Socket accepted;
                try
                {
                    accepted = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    return null;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
                {
                    return null;
                }
                catch (SocketException)
                {
                    // A peer that reset before its accept completed: take the next one (as Kestrel does).
                    continue;
                }

                try
                {
                    return new SocketConnection(accepted);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    accepted.Dispose();
                }
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
