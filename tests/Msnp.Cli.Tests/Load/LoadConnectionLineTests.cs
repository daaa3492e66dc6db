using System.Net;
using System.Net.Sockets;
using System.Text;
using Msnp.Load.Net;

namespace Msnp.Cli.Tests.Load;

public sealed class LoadConnectionLineTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Skipping_to_a_prefix_passes_other_lines_and_stops_right_after_the_match()
    {
        await using var peer = await Peer.StartAsync("NLN NLN x@y.z X 0\r\nUSR 3 TWN S lc=1033,id=507\r\nQNG 50\r\n");
        await peer.Client.SkipToLineStartingWithAsync("USR 3 TWN S ", CancellationToken.None).AsTask().WaitAsync(Generous);

        // The line after the match is still there to read.
        Assert.Equal("QNG 50", await peer.Client.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(Generous));
    }

    [Fact]
    public async Task An_error_line_while_skipping_is_reported_with_the_line()
    {
        await using var peer = await Peer.StartAsync("911 4\r\n");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => peer.Client.SkipToLineStartingWithAsync("USR 4 OK ", CancellationToken.None).AsTask().WaitAsync(Generous));
        Assert.Contains("'USR 4 OK '", thrown.Message, StringComparison.Ordinal);
        Assert.EndsWith(": 911 4", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_close_while_skipping_ends_with_end_of_stream()
    {
        await using var peer = await Peer.StartAsync("VER 1 MSNP8\r\n", close: true);
        await Assert.ThrowsAsync<EndOfStreamException>(() => peer.Client.SkipToLineStartingWithAsync("USR ", CancellationToken.None).AsTask().WaitAsync(Generous));
    }

    [Fact]
    public async Task Written_pieces_arrive_as_one_line_after_the_flush()
    {
        await using var peer = await Peer.StartAsync("");
        peer.Client.Write("USR 4 TWN S ");
        peer.Client.Write("t=abc&p=def");
        peer.Client.Write("\r\n");
        await peer.Client.FlushAsync(CancellationToken.None);

        using var reader = new StreamReader(peer.Server.GetStream(), Encoding.ASCII);
        Assert.Equal("USR 4 TWN S t=abc&p=def", await reader.ReadLineAsync().WaitAsync(Generous));
    }

    // A real loopback socket pair: the server side sends the given bytes once accepted.
    private sealed class Peer : IAsyncDisposable
    {
        private readonly TcpListener _listener;

        private Peer(TcpListener listener, TcpClient server, LoadConnection client)
        {
            _listener = listener;
            Server = server;
            Client = client;
        }

        public TcpClient Server { get; }

        public LoadConnection Client { get; }

        public static async Task<Peer> StartAsync(string send, bool close = false)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var accept = listener.AcceptTcpClientAsync();
            var client = await LoadConnection.ConnectAsync((IPEndPoint)listener.LocalEndpoint, CancellationToken.None);
            var server = await accept.WaitAsync(Generous);
            if (send.Length > 0)
            {
                await server.GetStream().WriteAsync(Encoding.ASCII.GetBytes(send));
            }

            if (close)
            {
                server.Client.Shutdown(SocketShutdown.Send);
            }

            return new Peer(listener, server, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            Server.Dispose();
            _listener.Stop();
            _listener.Dispose();
        }
    }
}
