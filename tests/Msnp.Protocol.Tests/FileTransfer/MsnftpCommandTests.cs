using System.Text;
using Msnp.Protocol.FileTransfer;

namespace Msnp.Protocol.Tests.FileTransfer;

public class MsnftpCommandTests
{
    // The text phase of catalogue §7.1, both directions in one stream, plus the cancel.
    private const string Transcript =
        "VER MSNFTP\r\n" +
        "VER MSNFTP\r\n" +
        "USR bob@example.com 3572861\r\n" +
        "FIL 10240\r\n" +
        "TFR\r\n" +
        "BYE 16777989\r\n" +
        "CCL\r\n";

    [Fact]
    public void Built_lines_are_byte_exact()
    {
        Assert.Equal("VER MSNFTP\r\n", Text(MsnftpCommand.Ver()));
        Assert.Equal("USR bob@example.com 3572861\r\n", Text(MsnftpCommand.Usr("bob@example.com", "3572861")));
        Assert.Equal("FIL 10240\r\n", Text(MsnftpCommand.Fil(10240)));
        Assert.Equal("FIL 0\r\n", Text(MsnftpCommand.Fil(0)));
        Assert.Equal("FIL 5368709120\r\n", Text(MsnftpCommand.Fil(5L << 30)));
        Assert.Equal("TFR\r\n", Text(MsnftpCommand.Tfr()));
        Assert.Equal("CCL\r\n", Text(MsnftpCommand.Ccl()));
    }

    [Theory]
    [InlineData(MsnftpByeCode.SentSuccessfully, "BYE 16777987\r\n")]
    [InlineData(MsnftpByeCode.ReceivedSuccessfully, "BYE 16777989\r\n")]
    [InlineData(MsnftpByeCode.OutOfDiskSpace, "BYE 2147942405\r\n")]
    [InlineData(MsnftpByeCode.CancelledByReceiver, "BYE 2164261682\r\n")]
    [InlineData(MsnftpByeCode.TimedOut, "BYE 2164261694\r\n")]
    public void Bye_codes_are_written_in_decimal_and_read_back(MsnftpByeCode code, string line)
    {
        Assert.Equal(line, Text(MsnftpCommand.Bye(code)));
        Assert.True(MsnftpCommand.TryRead(Encoding.ASCII.GetBytes(line), out var read, out _));
        Assert.Equal(MsnftpCommandKind.Bye, read!.Kind);
        Assert.Equal((uint)code, read.ByeCode);
    }

    [Fact]
    public void The_transcript_reads_the_same_at_every_split_point()
    {
        var bytes = Encoding.ASCII.GetBytes(Transcript);
        var expected = ReadAll(bytes, bytes.Length);
        Assert.Equal(
            [MsnftpCommandKind.Ver, MsnftpCommandKind.Ver, MsnftpCommandKind.Usr, MsnftpCommandKind.Fil, MsnftpCommandKind.Tfr, MsnftpCommandKind.Bye, MsnftpCommandKind.Ccl],
            expected.Select(c => c.Kind));
        Assert.True(expected[0].OffersMsnftp);
        Assert.Equal("bob@example.com", expected[2].Account);
        Assert.Equal("3572861", expected[2].Cookie);
        Assert.Equal(10240, expected[3].FileSize);
        Assert.Equal(16777989u, expected[5].ByeCode);

        for (var chunk = 1; chunk < bytes.Length; chunk++)
        {
            Assert.Equal(expected.Select(c => c.ToString()), ReadAll(bytes, chunk).Select(c => c.ToString()));
        }
    }

    [Fact]
    public void Every_prefix_of_a_line_needs_more_and_consumes_nothing()
    {
        var line = Encoding.ASCII.GetBytes("USR bob@example.com 3572861\r\n");
        for (var length = 0; length < line.Length; length++)
        {
            Assert.False(MsnftpCommand.TryRead(line.AsSpan(0, length), out var command, out var consumed));
            Assert.Null(command);
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Runs_of_blanks_and_a_bare_lf_are_accepted()
    {
        Assert.True(MsnftpCommand.TryRead("USR \t bob@example.com   42\nTFR"u8, out var usr, out var consumed));
        Assert.Equal(consumed, "USR \t bob@example.com   42\n".Length);
        Assert.Equal("42", usr!.Cookie);
        Assert.Equal("USR bob@example.com 42", usr.ToString());
    }

    [Theory]
    [InlineData("FIL -1")]
    [InlineData("FIL 12a")]
    [InlineData("FIL")]
    [InlineData("FIL 99999999999999999999")]
    [InlineData("TFR 10")]
    public void Bad_sizes_read_as_no_size(string line) =>
        Assert.Null(MsnftpCommand.Parse(Encoding.ASCII.GetBytes(line)).FileSize);

    [Fact]
    public void Unknown_verbs_are_kept_as_unknown()
    {
        var command = MsnftpCommand.Parse("XYZ 1 2"u8);
        Assert.Equal(MsnftpCommandKind.Unknown, command.Kind);
        Assert.Equal("XYZ", command.Verb);
        Assert.Equal(["1", "2"], command.Parameters);
    }

    [Fact]
    public void An_overlong_line_and_an_empty_line_are_protocol_errors()
    {
        var noEnd = new byte[MsnftpCommand.MaxLineLength];
        noEnd.AsSpan().Fill((byte)'A');
        Assert.Throws<MsnftpProtocolException>(() => MsnftpCommand.TryRead(noEnd, out _, out _));
        Assert.Throws<MsnftpProtocolException>(() => MsnftpCommand.TryRead("\r\n"u8, out _, out _));
        Assert.Throws<MsnftpProtocolException>(() => MsnftpCommand.TryRead([0x55, 0x53, 0xFF, 0x0A], out _, out _));
    }

    [Fact]
    public void Parameters_with_blanks_cannot_be_written()
    {
        Assert.Throws<ArgumentException>(() => MsnftpCommand.Usr("bob@example.com", "1 2"));
        Assert.Throws<ArgumentException>(() => MsnftpCommand.Usr("bob@example.com\r\nCCL", "1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => MsnftpCommand.Fil(-1));
    }

    private static string Text(MsnftpCommand command) => Encoding.ASCII.GetString(command.ToBytes());

    /// <summary>Feeds the bytes in chunks as a socket would, keeping unconsumed bytes.</summary>
    private static List<MsnftpCommand> ReadAll(byte[] bytes, int chunk)
    {
        var commands = new List<MsnftpCommand>();
        var pending = new List<byte>();
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            pending.AddRange(bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset)).ToArray());
            while (MsnftpCommand.TryRead(pending.ToArray(), out var command, out var consumed))
            {
                commands.Add(command!);
                pending.RemoveRange(0, consumed);
            }
        }

        Assert.Empty(pending);
        return commands;
    }
}
