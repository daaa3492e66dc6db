using System.Net;
using System.Net.Sockets;
using Msnp.Client.Connections;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;

namespace Msnp.Client.Tests;

public sealed class TransactionTimeoutTests
{
    [Fact]
    public async Task A_server_that_never_answers_times_the_transaction_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();

        await using var connection = await MsnpConnection.ConnectAsync("127.0.0.1", port, MsnpDialect.Msnp8, TimeSpan.FromMilliseconds(300));
        using var silent = await accepted;

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<TimeoutException>(() => connection.SendAsync(CommandCodes.Ver, ["MSNP8", "CVR0"]));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task Sign_in_against_a_silent_server_fails_with_a_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var client = new MsnpClient(new MsnpClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Account = "alice@example.com",
            Password = "x",
            TransactionTimeout = TimeSpan.FromMilliseconds(300),
        });

        await Assert.ThrowsAsync<TimeoutException>(() => client.SignInAsync());
        Assert.False(client.IsSignedIn);
    }

    [Fact]
    public async Task A_server_closing_the_socket_fails_pending_transactions_and_reports_disconnected()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        await using var connection = await MsnpConnection.ConnectAsync("127.0.0.1", port, MsnpDialect.Msnp8, TimeSpan.FromSeconds(10));
        var disconnected = new TaskCompletionSource<DisconnectedEventArgs>();
        connection.Disconnected += (_, e) => disconnected.TrySetResult(e);
        var server = await accepted;

        var pending = connection.SendAsync(CommandCodes.Ver, ["MSNP8", "CVR0"]);
        server.Dispose();

        var error = await Assert.ThrowsAsync<MsnpConnectionClosedException>(() => pending);
        Assert.Equal(DisconnectReason.ClosedByServer, error.Reason);
        Assert.Equal(DisconnectReason.ClosedByServer, (await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.False(connection.IsConnected);
    }
}
