using System.IO.Pipelines;
using System.Net.Sockets;

namespace Msnp.Client.Transport;

/// <summary>A plain TCP connection, the default transport.</summary>
public sealed class TcpTransport : IMsnpTransport
{
    private readonly Socket _socket;
    private int _closed;

    private TcpTransport(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        Input = PipeReader.Create(stream);
        Output = PipeWriter.Create(stream);
    }

    /// <inheritdoc/>
    public PipeReader Input { get; }

    /// <inheritdoc/>
    public PipeWriter Output { get; }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, giving up after <paramref name="timeout"/>.</summary>
    public static async Task<TcpTransport> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await socket.ConnectAsync(host, port, limit.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TcpTransport(socket);
    }

    /// <inheritdoc/>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
