using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Catalogue §2.1–2.2: LF or CR LF end a line, a bare CR does not; runs of spaces and tabs separate tokens.</summary>
public class LineRuleTests
{
    private static readonly FrameScanner Client = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer));
    private static readonly FrameScanner Server = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ServerToClient));

    [Fact]
    public void A_bare_LF_ends_a_line()
    {
        FrameAssert.ReadsEveryWay(Client, "PNG\n"u8.ToArray(), "PNG", null, "PNG"u8.ToArray(), null);
        FrameAssert.ReadsEveryWay(Client, "SYN 5 0\n"u8.ToArray(), "SYN", 5, "SYN 5 0"u8.ToArray(), null);
        FrameAssert.ReadsEveryWay(Client, "MSG 1 A 3\nabc"u8.ToArray(), "MSG", 1, "MSG 1 A 3"u8.ToArray(), "abc"u8.ToArray());
    }

    [Fact]
    public void CR_LF_ends_a_line_and_the_CR_is_not_part_of_it()
    {
        FrameAssert.ReadsEveryWay(Client, "SYN 5 0\r\n"u8.ToArray(), "SYN", 5, "SYN 5 0"u8.ToArray(), null);

        // The payload starts right after the LF: the CR belongs to the terminator, not the payload.
        FrameAssert.ReadsEveryWay(Client, "MSG 1 A 3\r\nabc"u8.ToArray(), "MSG", 1, "MSG 1 A 3"u8.ToArray(), "abc"u8.ToArray());
    }

    [Fact]
    public void A_bare_CR_does_not_end_a_line_and_stays_in_it()
    {
        Assert.Equal(ScanStatus.NeedMoreData, Client.TryRead(Sequences.Contiguous("PNG\r"u8.ToArray()), out _, out _));
        Assert.Equal(ScanStatus.NeedMoreData, Client.TryRead(Sequences.Contiguous("PNG\rPNG\r"u8.ToArray()), out _, out _));

        FrameAssert.ReadsEveryWay(Server, "NLN NLN bob@example.com Bob\rX\r\n"u8.ToArray(), "NLN", null, "NLN NLN bob@example.com Bob\rX"u8.ToArray(), null);

        // Only the one CR directly before the LF is stripped.
        FrameAssert.ReadsEveryWay(Client, "CHG 6 NLN\r\r\n"u8.ToArray(), "CHG", 6, "CHG 6 NLN\r"u8.ToArray(), null);

        // A CR glued to the code makes it a four-byte token, which is no command.
        FrameAssert.FailsEveryWay(Client, "PNG\r\r\n"u8.ToArray(), FramingError.InvalidCommand);
    }

    [Fact]
    public void A_bare_CR_inside_a_token_is_kept_by_the_decoder()
    {
        Assert.Equal(ScanStatus.Complete, Client.TryRead(Sequences.Contiguous("CHG 6 NLN\r0\r\n"u8.ToArray()), out var frame, out _));
        var command = MsnpCommand.Decode(frame);
        Assert.Equal(6u, command.TrId);
        Assert.Equal(["NLN\r0"], command.Parameters);
    }

    [Fact]
    public void Runs_of_spaces_and_tabs_separate_tokens()
    {
        var wire = "MSG \t 1  \t A\t\t5\r\nhello"u8.ToArray();
        FrameAssert.ReadsEveryWay(Client, wire, "MSG", 1, "MSG \t 1  \t A\t\t5"u8.ToArray(), "hello"u8.ToArray());

        Assert.Equal(ScanStatus.Complete, Client.TryRead(Sequences.Contiguous(wire), out var frame, out _));
        var command = MsnpCommand.Decode(frame);
        Assert.Equal(["A", "5"], command.Parameters);
    }

    [Fact]
    public void Leading_and_trailing_separators_are_allowed()
    {
        FrameAssert.ReadsEveryWay(Client, "  \tPNG\r\n"u8.ToArray(), "PNG", null, "  \tPNG"u8.ToArray(), null);
        FrameAssert.ReadsEveryWay(Client, "\t\tSYN 5 0\r\n"u8.ToArray(), "SYN", 5, "\t\tSYN 5 0"u8.ToArray(), null);
        FrameAssert.ReadsEveryWay(Client, "SYN 5 0 \t \r\n"u8.ToArray(), "SYN", 5, "SYN 5 0 \t "u8.ToArray(), null);

        // The length of a last-token payload command is found behind trailing separators too.
        FrameAssert.ReadsEveryWay(Client, "SDC 5 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice 2 \t\r\nhi"u8.ToArray(),
            "SDC", 5, "SDC 5 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice 2 \t"u8.ToArray(), "hi"u8.ToArray());

        Assert.Equal(ScanStatus.Complete, Client.TryRead(Sequences.Contiguous(" \t SYN\t5   0 \r\n"u8.ToArray()), out var frame, out _));
        var command = MsnpCommand.Decode(frame);
        Assert.Equal(5u, command.TrId);
        Assert.Equal(["0"], command.Parameters);
    }

    [Fact]
    public void Only_space_and_tab_separate_tokens()
    {
        // A vertical tab or NUL is an ordinary byte: "SYN\v5" is one five-byte token.
        FrameAssert.FailsEveryWay(Client, "SYN\v5 0\r\n"u8.ToArray(), FramingError.InvalidCommand);
        FrameAssert.FailsEveryWay(Client, "SYN 5\u00000\r\n"u8.ToArray(), FramingError.InvalidTrId);
    }

    [Fact]
    public void No_space_follows_a_TrID_when_a_command_has_no_parameters()
    {
        FrameAssert.ReadsEveryWay(Server, "QRY 7\r\n"u8.ToArray(), "QRY", 7, "QRY 7"u8.ToArray(), null);
        FrameAssert.ReadsEveryWay(Server, "ACK 4294967295\r\n"u8.ToArray(), "ACK", uint.MaxValue, "ACK 4294967295"u8.ToArray(), null);
    }
}
