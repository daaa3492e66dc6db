using System.Net;
using System.Net.Sockets;
using System.Text;
using Msnp.Client.Connections;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;

namespace Msnp.Client.Tests;

/// <summary>
/// Cancelling a send must never cut a command in half on the wire: once its bytes are handed to
/// the connection they go out whole, and the next command starts on a command boundary. (A P2P
/// file sender that cancelled mid-transfer used to leave part of a chunk behind, so the server
/// read its BYE as garbage and the receiver never heard it.)
/// </summary>
public sealed class CancelledWriteTests
{
    private const int PayloadSize = 48 * 1024;

    [Fact]
    public async Task A_send_cancelled_while_the_socket_is_full_leaves_whole_commands_on_the_wire()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Server.ReceiveBufferSize = 4096;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        await using var connection = await MsnpConnection.ConnectAsync("127.0.0.1", port, MsnpDialect.Msnp8, TimeSpan.FromSeconds(30));
        using var server = await accepted;

        // Fill the socket (the server reads nothing yet) until a send stays pending, then cancel that send.
        var payload = Encoding.ASCII.GetBytes(new string('x', PayloadSize));
        var cancelledOne = false;
        for (var i = 0; i < 2000 && !cancelledOne; i++)
        {
            using var cancel = new CancellationTokenSource();
            var sending = connection.SendWithoutReplyAsync(CommandCodes.Msg, true, ["N"], payload, cancel.Token);
            if (await Task.WhenAny(sending, Task.Delay(50)) != sending)
            {
                await cancel.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
                cancelledOne = true;
            }
        }

        Assert.True(cancelledOne, "the socket never filled up");
        var last = connection.SendWithoutReplyAsync(CommandCodes.Out, false, []);

        // Now read everything: only whole MSG commands, then OUT.
        var stream = server.GetStream();
        var messages = 0;
        while (true)
        {
            var line = await ReadLineAsync(stream);
            if (line == "OUT")
            {
                break;
            }

            var parts = line.Split(' ');
            Assert.True(parts is ["MSG", _, "N", _], $"expected a MSG line or OUT after {messages} messages, got: {Shorten(line)}");
            var length = int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(PayloadSize, length);
            var body = new byte[length];
            await stream.ReadExactlyAsync(body).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(body.AsSpan().IndexOfAnyExcept((byte)'x') < 0, $"message {messages + 1} does not hold its own payload");
            messages++;
        }

        await last.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(messages > 0);
        Assert.True(connection.IsConnected);
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one).AsTask().WaitAsync(TimeSpan.FromSeconds(30)) == 0)
            {
                throw new EndOfStreamException();
            }

            if (one[0] == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.ASCII.GetString(line.ToArray(), 0, line.Count - 1);
            }

            line.Add(one[0]);
            if (line.Count > 200)
            {
                return Encoding.ASCII.GetString(line.ToArray());
            }
        }
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
