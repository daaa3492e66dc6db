using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Msnp.Client.Tests.Support;

/// <summary>A one-connection fake server whose replies a test writes line by line.</summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _client;
    private StreamReader? _reader;
    private Stream? _stream;

    public ScriptedServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public async Task AcceptAsync()
    {
        _client = await _listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _stream = _client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public async Task<string> ReadLineAsync() =>
        await _reader!.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) ?? throw new EndOfStreamException();

    public async Task<string> ReadBytesAsync(int count)
    {
        var buffer = new char[count];
        var read = 0;
        while (read < count)
        {
            var n = await _reader!.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            read += n;
        }

        return new string(buffer);
    }

    public async Task SendAsync(string text)
    {
        await _stream!.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>Closes the accepted connection without a word, as a server that restarts does.</summary>
    public void DropClient()
    {
        _client?.Dispose();
        _client = null;
    }

    public void Dispose()
    {
        _client?.Dispose();
        _listener.Stop();
    }
}
