using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace Msnp.Load.Forwarding;

/// <summary>
/// One accepted connection of the forwarder: a pipe reader for the canned set-up lines and
/// serialised sends, because a leg receives both its own replies and what the other leg forwards.
/// </summary>
internal sealed class ForwarderLeg : IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly NetworkStream _stream;

    public ForwarderLeg(Socket socket)
    {
        Socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    }

    public Socket Socket { get; }

    /// <summary>The set-up reader; the copy loop drains it once, then reads the socket directly.</summary>
    public PipeReader Reader { get; }

    /// <summary>The signed-in account (notification legs) or the switchboard user.</summary>
    public string Email { get; set; } = "";

    public ValueTask SendLineAsync(string line, CancellationToken cancellationToken) =>
        SendAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAllAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask SendAsync(ReadOnlySequence<byte> bytes, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var segment in bytes)
            {
                await SendAllAsync(segment, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Tells the peer nothing more will come (after the other leg left).</summary>
    public void ShutdownSend()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        Reader.Complete();
        _stream.Dispose();
        Socket.Dispose();
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await Socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }
}
