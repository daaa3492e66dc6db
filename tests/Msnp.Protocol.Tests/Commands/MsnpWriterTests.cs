using System.Buffers;
using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Errors;

namespace Msnp.Protocol.Tests.Commands;

/// <summary>The writer emits exact wire bytes: single spaces, CR LF, byte-counted lengths, and refuses tokens that could split a line.</summary>
public class MsnpWriterTests
{
    [Fact]
    public void Writes_a_line_with_single_spaces_and_CR_LF()
    {
        Assert.Equal("SYN 5 0\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Syn, 5, "0")));
        Assert.Equal("VER 1 MSNP8 CVR0\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Ver, 1, "MSNP8", "CVR0")));
        Assert.Equal("USR 4 OK alice@example.com Alice%20Name 1 0\r\n",
            Written(o => MsnpWriter.WriteLine(o, CommandCodes.Usr, 4, "OK", "alice@example.com", "Alice%20Name", "1", "0")));
    }

    [Fact]
    public void Writes_no_space_after_the_code_or_TrID_when_nothing_follows()
    {
        Assert.Equal("PNG\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Png, null)));
        Assert.Equal("QRY 7\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Qry, 7)));
        Assert.Equal("CHL 0 15570131571988941333\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Chl, 0, "15570131571988941333")));
        Assert.Equal("GTC A\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Gtc, null, "A")));
        Assert.Equal("ACK 4294967295\r\n", Written(o => MsnpWriter.WriteLine(o, CommandCodes.Ack, uint.MaxValue)));
    }

    [Fact]
    public void Writes_a_payload_command_with_its_length_in_bytes_and_nothing_after_the_payload()
    {
        var body = "Grüße ☺";
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.Equal(11, bytes.Length);

        var written = WrittenBytes(o => MsnpWriter.WritePayloadCommand(o, CommandCodes.Msg, 1, ["A"], bytes));
        Assert.Equal([.. "MSG 1 A 11\r\n"u8, .. bytes], written);

        Assert.Equal("MSG Hotmail Hotmail 3\r\nabc", Written(o => MsnpWriter.WritePayloadCommand(o, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], "abc"u8)));
        Assert.Equal("QRY 7 msmsgs@msnmsgr.com 32\r\n8f2f5a91b72102cd28355e9fc9000d6e",
            Written(o => MsnpWriter.WritePayloadCommand(o, CommandCodes.Qry, 7, ["msmsgs@msnmsgr.com"], "8f2f5a91b72102cd28355e9fc9000d6e"u8)));
        Assert.Equal("MSG 5 N 0\r\n", Written(o => MsnpWriter.WritePayloadCommand(o, CommandCodes.Msg, 5, ["N"], [])));
        Assert.Equal("NOT 2\r\n\r\n", Written(o => MsnpWriter.WritePayloadCommand(o, CommandCodes.Not, null, [], "\r\n"u8)));
    }

    [Fact]
    public void Writes_payload_bytes_untouched()
    {
        byte[] payload = [0, 0xFF, (byte)'\r', 0xC3, (byte)'\n', 0];
        var written = WrittenBytes(o => MsnpWriter.WritePayloadCommand(o, CommandCodes.Msg, 2, ["D"], payload));
        Assert.Equal([.. "MSG 2 D 6\r\n"u8, .. payload], written);
    }

    [Fact]
    public void Writes_tokens_as_UTF_8()
    {
        Assert.Equal([.. "REA 8 alice@example.com Zoë\r\n"u8],
            WrittenBytes(o => MsnpWriter.WriteLine(o, CommandCodes.Rea, 8, "alice@example.com", "Zoë")));
    }

    [Fact]
    public void Writes_error_replies_as_the_number_and_the_TrID()
    {
        Assert.Equal("911 3\r\n", Written(o => MsnpWriter.WriteError(o, MsnpErrorCode.AuthenticationFailed, 3)));
        Assert.Equal("715 9\r\n", Written(o => MsnpWriter.WriteError(o, MsnpErrorCode.NotExpected, 9)));
        Assert.Equal("540 0\r\n", Written(o => MsnpWriter.WriteError(o, MsnpErrorCode.ChallengeResponseFailed, 0)));
    }

    public static TheoryData<string> BadTokens => ["", "a b", "a\tb", "a\rb", "a\nb", " ", "\r\n", "Alice Name", "x\r\nOUT"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public void Refuses_a_token_that_is_empty_or_holds_a_separator_or_line_end(string token)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => MsnpWriter.WriteLine(output, CommandCodes.Rea, 8, "alice@example.com", token));
        Assert.Throws<ArgumentException>(() => MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, 1, [token], "x"u8));
        Assert.Throws<ArgumentException>(() => MsnpWriter.Write(output, new MsnpCommand(CommandCodes.Rea, 8, ["alice@example.com", token])));
        Assert.Throws<ArgumentException>(() =>
        {
            var line = new MsnpWriter.LineWriter(output, CommandCodes.Rea, 8);
            line.Token(Encoding.UTF8.GetBytes(token));
        });
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public void A_refused_command_leaves_no_partial_line_behind(string token)
    {
        // Regression: the code and TrID used to be written before the bad token was found, so the
        // next command was glued onto a half line ("REA 8 alice@example.comPNG").
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => MsnpWriter.WriteLine(output, CommandCodes.Rea, 8, "alice@example.com", token));
        Assert.Throws<ArgumentException>(() => MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, 1, [token], "x"u8));
        Assert.Throws<ArgumentException>(() => MsnpWriter.Write(output, new MsnpCommand(CommandCodes.Rea, 8, ["alice@example.com", token])));
        Assert.Equal(0, output.WrittenCount);

        MsnpWriter.WriteLine(output, CommandCodes.Png, null);
        Assert.Equal("PNG\r\n", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Refuses_a_missing_code()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => MsnpWriter.WriteLine(output, default, 1));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void The_line_writer_builds_a_line_token_by_token()
    {
        var output = new ArrayBufferWriter<byte>();
        var line = new MsnpWriter.LineWriter(output, CommandCodes.Msg, 3);
        line.Token("A"u8);
        line.Number(5);
        line.End();
        output.Write("hello"u8);
        Assert.Equal("MSG 3 A 5\r\nhello", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void A_command_object_writes_its_parameters_and_payload_verbatim()
    {
        var command = MsnpCommand.WithPayload(CommandCodes.Msg, 3, ["A"], "hello"u8.ToArray());
        Assert.Equal(["A", "5"], command.Parameters);
        Assert.Equal("MSG 3 A 5\r\nhello", Encoding.ASCII.GetString(command.ToBytes()));
        Assert.Equal("MSG 3 A 5", command.ToString());

        var noTrId = new MsnpCommand(CommandCodes.Nln, null, ["NLN", "bob@example.com", "Bob"]);
        Assert.Equal("NLN NLN bob@example.com Bob\r\n", Encoding.ASCII.GetString(noTrId.ToBytes()));
    }

    private static string Written(Action<ArrayBufferWriter<byte>> write) => Encoding.UTF8.GetString(WrittenBytes(write));

    private static byte[] WrittenBytes(Action<ArrayBufferWriter<byte>> write)
    {
        // A tiny initial capacity makes every GetSpan call grow the buffer.
        var output = new ArrayBufferWriter<byte>(1);
        write(output);
        return output.WrittenSpan.ToArray();
    }
}
