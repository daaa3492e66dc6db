using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Msnp.Client.FileTransfer;

namespace Msnp.Benchmarks.FileTransfer;

/// <summary>
/// One MSNFTP link on loopback, sender and receiver in this process: text phase, 1 GiB of blocks,
/// BYE. The source is generated in memory and the receiver writes to <see cref="Stream.Null"/>,
/// so the figure is the link (framing, decoding, sockets), not the disk. Throughput = size / mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MsnftpLoopbackBenchmarks
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    /// <summary>Bytes per transfer.</summary>
    [Params(1L << 30)]
    public long Size { get; set; }

    /// <summary>Sends <see cref="Size"/> bytes from a listening sender to a connecting receiver.</summary>
    [Benchmark]
    public async Task Transfer()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connecting = client.ConnectAsync(listener.LocalEndPoint!);
        var server = await listener.AcceptAsync();
        await connecting;

        await using var senderLink = new MsnftpLink(server, Stall);
        await using var receiverLink = new MsnftpLink(client, Stall);
        var sender = new MsnftpSenderSession(senderLink, "42", new PatternStream(Size), Size, new ProgressMeter(Size, null, TimeSpan.FromSeconds(1)), Stall);
        var receiver = new MsnftpReceiverSession(receiverLink, "bob@example.com", "42", Stream.Null, Size, new ProgressMeter(Size, null, TimeSpan.FromSeconds(1)));
        await Task.WhenAll(Task.Run(() => sender.RunAsync(CancellationToken.None)), Task.Run(() => receiver.RunAsync(CancellationToken.None)));
    }

    /// <summary>A read-only stream of a given length that repeats 1 MiB of random bytes.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private static readonly byte[] Pattern = CreatePattern();
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            var written = 0;
            while (written < count)
            {
                var at = (int)((_position + written) % Pattern.Length);
                var take = Math.Min(count - written, Pattern.Length - at);
                Pattern.AsSpan(at, take).CopyTo(buffer[written..]);
                written += take;
            }

            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static byte[] CreatePattern()
        {
            var bytes = new byte[1 << 20];
            new Random(6).NextBytes(bytes);
            return bytes;
        }
    }
}
