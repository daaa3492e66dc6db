using System.Net;
using System.Net.Sockets;
using System.Text;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.FileTransfer;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests.FileTransfer;

/// <summary>One side played by hand over real sockets, to check what the library does with a misbehaving peer.</summary>
public sealed class RawPeerTests
{
    [Fact]
    public async Task A_wrong_auth_cookie_is_hung_up_on_and_the_right_one_still_gets_the_file()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(), bob: null);
        var data = TestStreams.RandomBytes(10_000);
        var sending = pair.AliceInvitations!.SendFileAsync(new MemoryStream(data), "a.bin", data.Length);

        var invite = TransferPair.Next(pair.BobInbox);
        Assert.Equal(InvitationCommand.Invite, invite.Command);
        await pair.Bob.SendRawAsync(Invitation.Accept(invite.Cookie!).ToMimeMessage(), AckMode.Acknowledged);
        var address = TransferPair.Next(pair.BobInbox).Address!;

        using (var intruder = await RawLink.ConnectAsync(address))
        {
            await intruder.WriteAsync("VER MSNFTP\r\n");
            Assert.Equal("VER MSNFTP", await intruder.ReadLineAsync());
            await intruder.WriteAsync("USR bob@example.com 1" + address.AuthCookie + "\r\n");
            Assert.Null(await intruder.ReadLineAsync());
        }

        using var bob = await RawLink.ConnectAsync(address);
        await bob.WriteAsync("VER MSNFTP\r\n");
        Assert.Equal("VER MSNFTP", await bob.ReadLineAsync());
        await bob.WriteAsync($"USR bob@example.com {address.AuthCookie}\r\n");
        Assert.Equal("FIL 10000", await bob.ReadLineAsync());
        await bob.WriteAsync("TFR\r\n");
        var framed = await bob.ReadExactlyAsync((int)MsnftpBlock.EncodedLength(data.Length));
        var decoder = new MsnftpBlockDecoder(data.Length);
        Assert.Equal(data.Length, decoder.DecodeInPlace(framed));
        Assert.Equal(data, framed[..data.Length]);
        await bob.WriteAsync("BYE 16777989\r\n");

        Assert.Equal(data.Length, (await sending.Within()).Size);
    }

    [Fact]
    public async Task A_stalled_sender_is_timed_out_with_bye_and_a_cancel()
    {
        await using var pair = await TransferPair.StartAsync(alice: null, TransferPair.Options(stall: TimeSpan.FromSeconds(1)));
        var receiving = FileTransferTests.AcceptInto(pair, new MemoryStream(), out var received);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        await pair.Alice.SendRawAsync(Invitation.FileTransferInvite("900", "slow.bin", 100_000).ToMimeMessage(), AckMode.Acknowledged);
        Assert.Equal(InvitationCommand.Accept, TransferPair.Next(pair.AliceInbox).Command);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await pair.Alice.SendRawAsync(Invitation.AcceptWithAddress("900", new InvitationAddress("127.0.0.1", port, "4242")).ToMimeMessage(), AckMode.Acknowledged);

        using var alice = new RawLink(await listener.AcceptSocketAsync());
        Assert.Equal("VER MSNFTP", await alice.ReadLineAsync());
        await alice.WriteAsync("VER MSNFTP\r\n");
        Assert.Equal("USR bob@example.com 4242", await alice.ReadLineAsync());
        await alice.WriteAsync("FIL 100000\r\n");
        Assert.Equal("TFR", await alice.ReadLineAsync());
        await alice.WriteAsync([0, 3, 0, 1, 2, 3]);

        // ... and nothing more: Bob must give up after the stall timeout.
        var error = await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within());
        Assert.Equal(FileTransferFailure.TimedOut, error.Failure);
        Assert.Equal("BYE 2164261694", await alice.ReadLineAsync());
        var cancel = TransferPair.Next(pair.AliceInbox);
        Assert.Equal(InvitationCommand.Cancel, cancel.Command);
        Assert.Equal(InvitationCancelCode.FileTransferTimeout, cancel.CancelCode);
        Assert.Equal(3, received.Length);
    }

    [Fact]
    public async Task A_receiver_that_never_confirms_is_timed_out_by_the_sender()
    {
        await using var pair = await TransferPair.StartAsync(TransferPair.Options(stall: TimeSpan.FromSeconds(1)), bob: null);
        var sending = pair.AliceInvitations!.SendFileAsync(new MemoryStream(new byte[10_000]), "a.bin", 10_000);

        var invite = TransferPair.Next(pair.BobInbox);
        await pair.Bob.SendRawAsync(Invitation.Accept(invite.Cookie!).ToMimeMessage(), AckMode.Acknowledged);
        var address = TransferPair.Next(pair.BobInbox).Address!;
        using var bob = await RawLink.ConnectAsync(address);
        await bob.WriteAsync("VER MSNFTP\r\n");
        await bob.ReadLineAsync();
        await bob.WriteAsync($"USR bob@example.com {address.AuthCookie}\r\n");
        Assert.Equal("FIL 10000", await bob.ReadLineAsync());
        await bob.WriteAsync("TFR\r\n");
        await bob.ReadExactlyAsync((int)MsnftpBlock.EncodedLength(10_000));

        // ... and no BYE.
        var error = await Assert.ThrowsAsync<FileTransferException>(() => sending.Within());
        Assert.Equal(FileTransferFailure.TimedOut, error.Failure);
        var cancel = TransferPair.Next(pair.BobInbox);
        Assert.Equal(InvitationCancelCode.FileTransferTimeout, cancel.CancelCode);
    }

    [Fact]
    public async Task A_sender_announcing_another_size_than_offered_is_cancelled()
    {
        await using var pair = await TransferPair.StartAsync(alice: null, TransferPair.Options());
        var receiving = FileTransferTests.AcceptInto(pair, new MemoryStream(), out _);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        await pair.Alice.SendRawAsync(Invitation.FileTransferInvite("901", "a.bin", 10).ToMimeMessage(), AckMode.Acknowledged);
        TransferPair.Next(pair.AliceInbox);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await pair.Alice.SendRawAsync(Invitation.AcceptWithAddress("901", new InvitationAddress("127.0.0.1", port, "1")).ToMimeMessage(), AckMode.Acknowledged);
        using var alice = new RawLink(await listener.AcceptSocketAsync());
        await alice.ReadLineAsync();
        await alice.WriteAsync("VER MSNFTP\r\n");
        await alice.ReadLineAsync();
        await alice.WriteAsync("FIL 20\r\n");

        Assert.Equal("CCL", await alice.ReadLineAsync());
        Assert.Equal(FileTransferFailure.SizeMismatch, (await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within())).Failure);
    }

    /// <summary>A hand-driven MSNFTP socket with line reads that do not swallow binary data.</summary>
    private sealed class RawLink(Socket socket) : IDisposable
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);

        public static async Task<RawLink> ConnectAsync(InvitationAddress address)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(address.IPAddress, address.Port);
            return new RawLink(socket);
        }

        public Task WriteAsync(string line) => WriteAsync(Encoding.ASCII.GetBytes(line));

        public async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

        /// <summary>The next line without CRLF, or null when the peer closed.</summary>
        public async Task<string?> ReadLineAsync()
        {
            var line = new List<byte>();
            var one = new byte[1];
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                int read;
                try
                {
                    read = await _stream.ReadAsync(one, deadline.Token);
                }
                catch (IOException)
                {
                    read = 0;
                }

                if (read == 0)
                {
                    return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
                }

                if (one[0] == '\n')
                {
                    return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
                }

                line.Add(one[0]);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count)
        {
            var bytes = new byte[count];
            await _stream.ReadExactlyAsync(bytes).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            return bytes;
        }

        public void Dispose() => _stream.Dispose();
    }
}
