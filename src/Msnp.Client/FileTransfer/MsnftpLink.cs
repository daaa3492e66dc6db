using System.Net.Sockets;
using Msnp.Protocol.FileTransfer;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// One MSNFTP TCP connection with its read buffer. Every read and write has a deadline: a peer
/// that stops moving for the stall timeout gets a <see cref="TimeoutException"/>, not a hang.
/// </summary>
internal sealed class MsnftpLink : IAsyncDisposable
{
    /// <summary>Big enough for 128 full blocks per read; lines never come close.</summary>
    private const int BufferSize = 128 * 2048;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly TimeSpan _stallTimeout;
    private int _start;
    private int _end;

    public MsnftpLink(Socket socket, TimeSpan stallTimeout)
    {
        socket.NoDelay = true;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _stallTimeout = stallTimeout;
    }

    /// <summary>Reads the next text line; <paramref name="untimed"/> waits without the stall deadline.</summary>
    /// <exception cref="EndOfStreamException">The peer closed the connection.</exception>
    public async Task<MsnftpCommand> ReadCommandAsync(CancellationToken cancellationToken, bool untimed = false)
    {
        while (true)
        {
            if (MsnftpCommand.TryRead(_buffer.AsSpan(_start, _end - _start), out var command, out var consumed))
            {
                _start += consumed;
                return command!;
            }

            if (await FillAsync(cancellationToken, untimed).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException("The peer closed the MSNFTP connection.");
            }
        }
    }

    /// <summary>Returns buffered bytes, or reads more; an empty result means the peer closed.</summary>
    public async Task<Memory<byte>> ReadSomeAsync(CancellationToken cancellationToken)
    {
        if (_end == _start && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return Memory<byte>.Empty;
        }

        var chunk = _buffer.AsMemory(_start, _end - _start);
        _start = _end;
        return chunk;
    }

    public Task WriteCommandAsync(MsnftpCommand command, CancellationToken cancellationToken) =>
        WriteAsync(command.ToBytes(), cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stalled();
        }
    }

    /// <summary>Sends what is queued and closes the sending direction, so the peer reads everything before the end.</summary>
    public void Shutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync().ConfigureAwait(false);

    private async Task<int> FillAsync(CancellationToken cancellationToken, bool untimed = false)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        using var deadline = untimed ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : Deadline(cancellationToken);
        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer.AsMemory(_end), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stalled();
        }

        _end += read;
        return read;
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(_stallTimeout);
        return source;
    }

    private TimeoutException Stalled() => new($"The MSNFTP link made no progress for {_stallTimeout.TotalSeconds:0.###} s.");
}
