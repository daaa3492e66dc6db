using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Commands;

public class MsnpCommandPayloadTests
{
    [Fact]
    public void A_command_without_payload_decodes_with_none()
    {
        var command = DecodeOne("OUT\r\n"u8.ToArray());

        Assert.Null(command.Payload);
    }

    [Fact]
    public void An_empty_payload_is_still_a_payload()
    {
        var command = DecodeOne("MSG Hotmail Hotmail 0\r\n"u8.ToArray());

        Assert.NotNull(command.Payload);
        Assert.Equal(0, command.Payload.Value.Length);
    }

    private static MsnpCommand DecodeOne(byte[] bytes)
    {
        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ServerToClient));
        Assert.Equal(ScanStatus.Complete, scanner.TryRead(new ReadOnlySequence<byte>(bytes), out var frame, out _));
        return MsnpCommand.Decode(frame);
    }
}
