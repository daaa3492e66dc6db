using System.Buffers;
using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Commands;

/// <summary>Turning a frame into a command object: parameters as on the wire, TrID or none, payload copied.</summary>
public class MsnpCommandDecodeTests
{
    private static readonly FrameScanner Client = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer));
    private static readonly FrameScanner Server = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ServerToClient));

    [Fact]
    public void The_parameters_include_the_length_token()
    {
        var command = Decode(Client, "MSG 1 A 5\r\nhello");
        Assert.Equal(CommandCodes.Msg, command.Code);
        Assert.Equal(1u, command.TrId);
        Assert.Equal(["A", "5"], command.Parameters);
        Assert.Equal("hello"u8.ToArray(), command.Payload?.ToArray());

        var sdc = Decode(Client, "SDC 6 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice%20Name 2\r\nhi");
        Assert.Equal("2", sdc.Parameters[^1]);
        Assert.Equal(8, sdc.Parameters.Count);
    }

    [Fact]
    public void The_TrID_is_null_when_the_line_has_none()
    {
        var nln = Decode(Server, "NLN NLN bob@example.com Bob\r\n");
        Assert.Null(nln.TrId);
        Assert.Equal(["NLN", "bob@example.com", "Bob"], nln.Parameters);

        var gtc = Decode(Server, "GTC A\r\n");
        Assert.Null(gtc.TrId);
        Assert.Equal(["A"], gtc.Parameters);

        var qng = Decode(Server, "QNG 50\r\n");
        Assert.Null(qng.TrId);
        Assert.Equal(["50"], qng.Parameters);

        var msg = Decode(Server, "MSG Hotmail Hotmail 0\r\n");
        Assert.Null(msg.TrId);
        Assert.Equal(["Hotmail", "Hotmail", "0"], msg.Parameters);

        var png = Decode(Client, "PNG\r\n");
        Assert.Null(png.TrId);
        Assert.Empty(png.Parameters);
    }

    [Fact]
    public void TrID_zero_is_a_TrID()
    {
        var chl = Decode(Server, "CHL 0 15570131571988941333\r\n");
        Assert.Equal(0u, chl.TrId);
        Assert.Equal(["15570131571988941333"], chl.Parameters);
    }

    [Fact]
    public void The_payload_is_null_only_for_commands_without_one()
    {
        // Regression: a command without payload used to decode with an empty, non-null payload.
        Assert.Null(Decode(Client, "SYN 5 0\r\n").Payload);
        Assert.Null(Decode(Server, "PRP 10 MFN 12345\r\n").Payload);

        var empty = Decode(Client, "MSG 5 N 0\r\n");
        Assert.NotNull(empty.Payload);
        Assert.Equal(0, empty.Payload.Value.Length);
    }

    [Fact]
    public void Error_replies_decode_with_their_number_and_TrID()
    {
        var error = Decode(Server, "911 3\r\n");
        Assert.True(error.IsError);
        Assert.Equal(911, error.Code.ErrorNumber);
        Assert.Equal(3u, error.TrId);
        Assert.Empty(error.Parameters);
        Assert.Equal("911 3\r\n", Encoding.ASCII.GetString(error.ToBytes()));
    }

    [Fact]
    public void Tokens_become_UTF_8_strings()
    {
        var rea = Decode(Client, "REA 8 alice@example.com Zoë\r\n");
        Assert.Equal(["alice@example.com", "Zoë"], rea.Parameters);
    }

    [Fact]
    public void Too_many_tokens_is_a_violation_with_a_custom_limit()
    {
        var limits = FramingLimits.Default with { MaxTokens = 4 };

        // The code counts as a token: four tokens pass, five do not.
        Assert.True(MsnpCommand.TryDecode(Frame(Client, "SYN 5 0 1\r\n"), limits, out var ok, out _));
        Assert.Equal(["0", "1"], ok!.Parameters);

        Assert.False(MsnpCommand.TryDecode(Frame(Client, "SYN 5 0 1 2\r\n"), limits, out var command, out var violation));
        Assert.Null(command);
        Assert.Equal(FramingError.TooManyTokens, violation.Error);
        Assert.Equal(ViolationAction.Disconnect, violation.Action);

        // The length token counts too.
        Assert.False(MsnpCommand.TryDecode(Frame(Client, "SDC 1 a b 2\r\nhi"), limits, out _, out violation));
        Assert.Equal(FramingError.TooManyTokens, violation.Error);
    }

    [Fact]
    public void Decode_throws_a_protocol_exception_past_the_default_token_limit()
    {
        var line = "ZZZ 1" + string.Concat(Enumerable.Repeat(" x", FramingLimits.Default.MaxTokens - 2)) + "\r\n";
        Assert.Equal(FramingLimits.Default.MaxTokens, Decode(Client, line).Parameters.Count + 2);

        var tooMany = "ZZZ 1" + string.Concat(Enumerable.Repeat(" x", FramingLimits.Default.MaxTokens - 1)) + "\r\n";
        var exception = Assert.Throws<MsnpProtocolException>(() => MsnpCommand.Decode(Frame(Client, tooMany)));
        Assert.Equal(FramingError.TooManyTokens, exception.Violation.Error);
    }

    [Fact]
    public void A_line_spread_over_segments_decodes_like_a_contiguous_one()
    {
        var wire = "USR 4 OK alice@example.com Alice%20Name 1 0\r\n"u8.ToArray();
        Assert.Equal(ScanStatus.Complete, Server.TryRead(Sequences.OneBytePerSegment(wire), out var frame, out _));
        Assert.False(frame.Line.IsSingleSegment);
        var command = MsnpCommand.Decode(frame);
        Assert.Equal(4u, command.TrId);
        Assert.Equal(["OK", "alice@example.com", "Alice%20Name", "1", "0"], command.Parameters);
    }

    [Fact]
    public void The_payload_is_copied_out_of_the_buffer()
    {
        var wire = "MSG 1 A 5\r\nhello"u8.ToArray();
        var command = MsnpCommand.Decode(Frame(Client, wire));
        wire.AsSpan().Fill((byte)'#');
        Assert.Equal("hello"u8.ToArray(), command.Payload?.ToArray());
        Assert.Equal(["A", "5"], command.Parameters);
    }

    private static MsnpCommand Decode(FrameScanner scanner, string wire) => MsnpCommand.Decode(Frame(scanner, wire));

    private static MsnpFrame Frame(FrameScanner scanner, string wire) => Frame(scanner, Encoding.UTF8.GetBytes(wire));

    private static MsnpFrame Frame(FrameScanner scanner, byte[] wire)
    {
        var status = scanner.TryRead(new ReadOnlySequence<byte>(wire), out var frame, out var violation);
        Assert.True(status == ScanStatus.Complete, $"{status} {violation.Error}");
        return frame;
    }
}
