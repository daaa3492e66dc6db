using System.Buffers;
using System.Net;
using System.Text;
using Msnp.Load.Net;
using Msnp.Load.Scenarios;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Cli.Tests.Load;

public class MessageFormatTests
{
    [Fact]
    public void Written_messages_are_valid_client_frames_carrying_their_stamp()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessageWriter(200, 'A');

        var first = writer.Write(buffer, 0, 111);
        var second = writer.Write(buffer, 12345, long.MaxValue / 2);
        writer.WriteEnd(buffer, 7);

        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer));
        var rest = new ReadOnlySequence<byte>(buffer.WrittenMemory);
        var frames = new List<(string Line, long Sequence, long Timestamp)>();
        while (scanner.TryRead(rest, out var frame, out _) == ScanStatus.Complete)
        {
            Assert.Equal(CommandCodes.Msg, frame.Command);
            Assert.Equal(200, frame.Payload.Length);
            Assert.True(MessagePayload.TryRead(frame.Payload, out var sequence, out var timestamp));
            frames.Add((Encoding.ASCII.GetString(frame.Line), sequence, timestamp));
            rest = rest.Slice(frame.End);
        }

        Assert.Equal(0, rest.Length);
        Assert.Equal(
            [($"MSG {first} A 200", 0L, 111L), ($"MSG {second} A 200", 12345L, long.MaxValue / 2), ($"MSG {second + 1} U 200", MessagePayload.EndMarker, 7L)],
            frames);
    }

    [Fact]
    public void Bodies_are_plain_text_mime_of_the_requested_size()
    {
        var body = MessagePayload.CreateTemplate(1024);

        Assert.Equal(1024, body.Length);
        Assert.StartsWith("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n", Encoding.ASCII.GetString(body), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => MessagePayload.CreateTemplate(MessagePayload.MinimumSize - 1));
    }

    [Fact]
    public void Someone_elses_message_is_not_read_as_ours()
    {
        var body = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nseq=hello there, this is a perfectly ordinary chat message"));

        Assert.False(MessagePayload.TryRead(body, out _, out _));
        Assert.False(MessagePayload.TryRead(new ReadOnlySequence<byte>(new byte[3]), out _, out _));
    }

    [Fact]
    public async Task Only_loopback_targets_are_accepted()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => LoadConnection.ConnectAsync(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 1863), CancellationToken.None));
    }
}
