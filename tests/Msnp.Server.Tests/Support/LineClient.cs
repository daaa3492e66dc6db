using System.Net.Sockets;
using System.Text;

namespace Msnp.Server.Tests.Support;

/// <summary>A raw TCP peer for transcript tests: sends exact bytes, reads lines and payloads with a timeout.</summary>
internal sealed class LineClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _buffer = [];

    private LineClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<LineClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new LineClient(client);
    }

    /// <summary>This end's address, which the server sees as the connection's remote address.</summary>
    public System.Net.EndPoint? LocalEndPoint => _client.Client.LocalEndPoint;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one line without its CR LF; null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            int lf = _buffer.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = _buffer.GetRange(0, lf).ToArray();
                _buffer.RemoveRange(0, lf + 1);
                return Encoding.UTF8.GetString(line).TrimEnd('\r');
            }

            if (!await FillAsync(cts.Token))
            {
                return null;
            }
        }
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>, skipping unrelated notifications (ILN, NLN, CHL …).</summary>
    public async Task<string> ReadLineStartingWithAsync(string prefix)
    {
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new IOException($"closed while waiting for '{prefix}'");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    public async Task<byte[]> ReadBytesAsync(int count)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (_buffer.Count < count)
        {
            if (!await FillAsync(cts.Token))
            {
                throw new IOException("closed before payload");
            }
        }

        var bytes = _buffer.GetRange(0, count).ToArray();
        _buffer.RemoveRange(0, count);
        return bytes;
    }

    /// <summary>True when the server closes the connection (after any remaining lines are drained).</summary>
    public Task<bool> IsClosedAsync() => IsClosedAsync(Timeout);

    /// <summary>True when the server closes the connection within <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await FillAsync(cts.Token))
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> FillAsync(CancellationToken token)
    {
        var chunk = new byte[4096];
        int n = await _stream.ReadAsync(chunk, token);
        if (n == 0)
        {
            return false;
        }

        _buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
