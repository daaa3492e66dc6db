using System.Net.Sockets;
using System.Text;

namespace Msnp.Cli.Tests.Support;

/// <summary>
/// A raw MSNP line connection to a running <c>msnp serve</c>, for tests that need the exact
/// lines rather than the client library. A closed or lost connection, and a read that gets no
/// bytes within 30 s, are all <see cref="IOException"/>: to these tests each means the server is
/// gone or refused.
/// </summary>
internal sealed class RawLines(TcpClient client) : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly NetworkStream _stream = client.GetStream();
    private readonly List<byte> _buffer = [];

    public static async Task<RawLines> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new RawLines(client);
    }

    public async Task SendAsync(string line) => await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));

    public async Task<string> ReadLineAsync()
    {
        while (_buffer.IndexOf((byte)'\n') < 0)
        {
            await FillAsync();
        }

        int end = _buffer.IndexOf((byte)'\n');
        var line = Encoding.UTF8.GetString([.. _buffer.GetRange(0, end)]).TrimEnd('\r');
        _buffer.RemoveRange(0, end + 1);
        return line;
    }

    /// <summary>Skips what comes first (the profile <c>MSG</c> after sign-in) up to the line wanted.</summary>
    public async Task<string> ReadLineStartingWithAsync(string prefix)
    {
        while (true)
        {
            var line = await ReadLineAsync();
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    /// <summary>Reads and drops a payload of <paramref name="count"/> bytes.</summary>
    public async Task ReadBytesAsync(int count)
    {
        while (_buffer.Count < count)
        {
            await FillAsync();
        }

        _buffer.RemoveRange(0, count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        client.Dispose();
    }

    private async Task FillAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var chunk = new byte[4096];
        int n;
        try
        {
            n = await _stream.ReadAsync(chunk, timeout.Token);
        }
        catch (SocketException e)
        {
            throw new IOException("connection lost", e);
        }
        catch (OperationCanceledException e)
        {
            throw new IOException($"no reply within {ReadTimeout.TotalSeconds:F0} s", e);
        }

        if (n == 0)
        {
            throw new IOException("connection closed");
        }

        _buffer.AddRange(chunk.AsSpan(0, n).ToArray());
    }
}
