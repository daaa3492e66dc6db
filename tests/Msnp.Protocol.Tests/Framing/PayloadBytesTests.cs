using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Payloads are bytes counted by the length token and handed on untouched, whatever they contain.</summary>
public class PayloadBytesTests
{
    private static readonly FrameScanner ClientScanner = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer));
    private static readonly FrameScanner ServerScanner = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ServerToClient));

    public static TheoryData<string, byte[]> Payloads => new()
    {
        { "starts with CR LF", "\r\nMIME-Version: 1.0\r\n\r\n"u8.ToArray() },
        { "is only CR LF", "\r\n"u8.ToArray() },
        { "is a lone LF", "\n"u8.ToArray() },
        { "ends with a bare CR", "text\r"u8.ToArray() },
        { "holds NUL bytes", [0, 0, (byte)'A', 0, (byte)'\r', (byte)'\n', 0] },
        { "is invalid UTF-8", [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0xC0, 0x80] },
        { "is multi-byte UTF-8", Encoding.UTF8.GetBytes("héllo ☃ 😀 Ärger") },
        { "looks like a command", "MSG 2 A 5\r\nhello\r\nPNG\r\n"u8.ToArray() },
        { "is every byte value", [.. Enumerable.Range(0, 256).Select(i => (byte)i)] },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_client_message_payload_is_read_byte_for_byte(string what, byte[] payload)
    {
        var wire = Write(CommandCodes.Msg, 1, ["A"], payload);
        var line = Encoding.ASCII.GetBytes($"MSG 1 A {payload.Length}");
        Assert.True(wire.Length == line.Length + 2 + payload.Length, what);
        FrameAssert.ReadsEveryWay(ClientScanner, wire, "MSG", 1, line, payload);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_server_payload_is_read_byte_for_byte(string what, byte[] payload)
    {
        var wire = Write(CommandCodes.Msg, null, ["Hotmail", "Hotmail"], payload);
        var line = Encoding.ASCII.GetBytes($"MSG Hotmail Hotmail {payload.Length}");
        FrameAssert.ReadsEveryWay(ServerScanner, wire, "MSG", null, line, payload);

        var notice = Write(CommandCodes.Not, null, [], payload);
        var noticeLine = Encoding.ASCII.GetBytes($"NOT {payload.Length}");
        Assert.True(notice.Length == noticeLine.Length + 2 + payload.Length, what);
        FrameAssert.ReadsEveryWay(ServerScanner, notice, "NOT", null, noticeLine, payload);
    }

    [Fact]
    public void The_length_counts_bytes_not_characters()
    {
        var text = "Grüße ☺ 😀";
        var payload = Encoding.UTF8.GetBytes(text);
        Assert.NotEqual(text.Length, payload.Length);

        byte[] wire = [.. Encoding.ASCII.GetBytes($"MSG 1 N {payload.Length}\r\n"), .. payload, .. "PNG\r\n"u8];
        var frames = FrameStreamReader.ReadBuffer(ClientScanner, Sequences.Contiguous(wire));
        Assert.Equal(2, frames.Count);
        Assert.Equal(payload, frames[0].Payload);
        Assert.Equal("PNG", frames[1].Code);

        // Counting characters instead would leave bytes behind that then start a garbage "line".
        byte[] charCounted = [.. Encoding.ASCII.GetBytes($"MSG 1 N {text.Length}\r\n"), .. payload, .. "PNG\r\n"u8];
        var misread = FrameStreamReader.ReadBuffer(ClientScanner, Sequences.Contiguous(charCounted));
        Assert.NotEqual(payload, misread[0].Payload);
        Assert.Equal(Scanned.Violation(FramingError.InvalidCommand).ToString(), misread[1].ToString());
    }

    [Fact]
    public void A_zero_byte_payload_is_a_payload_command_with_an_empty_payload()
    {
        byte[] wire = [.. "MSG 5 N 0\r\n"u8];
        FrameAssert.ReadsEveryWay(ClientScanner, wire, "MSG", 5, "MSG 5 N 0"u8.ToArray(), []);

        // The next frame starts right after the line; nothing is waited for.
        byte[] stream = [.. "MSG 5 N 0\r\nPNG\r\n"u8];
        var frames = FrameStreamReader.ReadBuffer(ClientScanner, Sequences.Contiguous(stream));
        Assert.Equal(["MSG", "PNG"], frames.Select(f => f.Code));
        Assert.NotNull(frames[0].Payload);
        Assert.Empty(frames[0].Payload!);
        Assert.Null(frames[1].Payload);
    }

    [Fact]
    public void A_client_message_of_exactly_1664_bytes_is_accepted_and_1665_is_too_large()
    {
        var atMax = new byte[1664];
        Random.Shared.NextBytes(atMax);
        var wire = Write(CommandCodes.Msg, 1, ["A"], atMax);
        var status = ClientScanner.TryRead(Sequences.Contiguous(wire), out var frame, out _);
        Assert.Equal(ScanStatus.Complete, status);
        Assert.Equal(atMax, Scanned.CopyOut(frame.Payload));

        // Refused as soon as the line is seen: the reader never buffers the oversized payload.
        FrameAssert.FailsEveryWay(ClientScanner, "MSG 1 A 1665\r\n"u8.ToArray(), FramingError.PayloadTooLarge);
        FrameAssert.FailsEveryWay(ClientScanner, Write(CommandCodes.Msg, 1, ["A"], new byte[1665]), FramingError.PayloadTooLarge);
    }

    [Fact]
    public void The_other_client_payload_commands_share_their_own_maximum()
    {
        var limits = FramingLimits.Default;
        foreach (var line in new[] { "QRY 7 msmsgs@msnmsgr.com {0}", "PAG 8 bob@example.com {0}", "SDC 9 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice {0}" })
        {
            var ok = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, limits.MaxClientOtherPayload) + "\r\n");
            Assert.Equal(ScanStatus.NeedMoreData, ClientScanner.TryRead(Sequences.Contiguous(ok), out _, out _));
            var over = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, limits.MaxClientOtherPayload + 1) + "\r\n");
            FrameAssert.FailsEveryWay(ClientScanner, over, FramingError.PayloadTooLarge);
        }
    }

    [Fact]
    public void Server_payloads_are_bounded_by_their_own_maximum()
    {
        int max = FramingLimits.Default.MaxServerPayload;
        var atMax = Write(CommandCodes.Msg, null, ["Hotmail", "Hotmail"], new byte[max]);
        Assert.Equal(ScanStatus.Complete, ServerScanner.TryRead(Sequences.Contiguous(atMax), out var frame, out _));
        Assert.Equal(max, frame.Payload.Length);

        FrameAssert.FailsEveryWay(ServerScanner, Encoding.ASCII.GetBytes($"MSG Hotmail Hotmail {max + 1}\r\n"), FramingError.PayloadTooLarge);
        FrameAssert.FailsEveryWay(ServerScanner, Encoding.ASCII.GetBytes($"NOT {max + 1}\r\n"), FramingError.PayloadTooLarge);
        FrameAssert.FailsEveryWay(ServerScanner, Encoding.ASCII.GetBytes($"IPG {max + 1}\r\n"), FramingError.PayloadTooLarge);
    }

    [Fact]
    public void A_custom_maximum_applies_per_command()
    {
        var limits = FramingLimits.Default with { MaxClientMessagePayload = 10, MaxClientOtherPayload = 32 };
        var scanner = new FrameScanner(CommandTable.Create(MsnpDialect.Msnp8, FrameDirection.ClientToServer, limits));

        FrameAssert.ReadsEveryWay(scanner, "MSG 1 U 10\r\n0123456789"u8.ToArray(), "MSG", 1, "MSG 1 U 10"u8.ToArray(), "0123456789"u8.ToArray());
        FrameAssert.FailsEveryWay(scanner, "MSG 1 U 11\r\n0123456789X"u8.ToArray(), FramingError.PayloadTooLarge);

        // QRY's 32 bytes are above the message limit but within the other commands' limit.
        var qry = "QRY 7 msmsgs@msnmsgr.com 32\r\n8f2f5a91b72102cd28355e9fc9000d6e"u8.ToArray();
        FrameAssert.ReadsEveryWay(scanner, qry, "QRY", 7, "QRY 7 msmsgs@msnmsgr.com 32"u8.ToArray(), "8f2f5a91b72102cd28355e9fc9000d6e"u8.ToArray());
    }

    private static byte[] Write(CommandCode code, uint? trId, string[] parametersBeforeLength, byte[] payload)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        MsnpWriter.WritePayloadCommand(output, code, trId, parametersBeforeLength, payload);
        return output.WrittenSpan.ToArray();
    }
}
