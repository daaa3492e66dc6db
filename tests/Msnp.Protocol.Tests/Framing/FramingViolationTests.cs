using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Every way a line can be unframeable, each reported as a typed violation that ends the connection.</summary>
public class FramingViolationTests
{
    private const FrameDirection C2S = FrameDirection.ClientToServer;
    private const FrameDirection S2C = FrameDirection.ServerToClient;

    public static TheoryData<FrameDirection, string, FramingError> Violations => new()
    {
        { C2S, "\r\n", FramingError.EmptyLine },
        { C2S, "\n", FramingError.EmptyLine },
        { S2C, "\r\n", FramingError.EmptyLine },
        { C2S, "   \r\n", FramingError.EmptyLine },
        { C2S, " \t \t\n", FramingError.EmptyLine },

        { S2C, "nln NLN bob@example.com Bob\r\n", FramingError.InvalidCommand },
        { C2S, "syn 5 0\r\n", FramingError.InvalidCommand },
        { C2S, "Msg 1 A 0\r\n", FramingError.InvalidCommand },
        { C2S, "MSGX 1 A 0\r\n", FramingError.InvalidCommand },
        { C2S, "MS 1\r\n", FramingError.InvalidCommand },
        { C2S, "M\r\n", FramingError.InvalidCommand },
        { S2C, "91 3\r\n", FramingError.InvalidCommand },
        { S2C, "9110 3\r\n", FramingError.InvalidCommand },
        { S2C, "9A1 3\r\n", FramingError.InvalidCommand },
        { C2S, "ÄBC 1\r\n", FramingError.InvalidCommand },
        { C2S, "\u0000\u0000\u0000 1\r\n", FramingError.InvalidCommand },

        { C2S, "SYN\r\n", FramingError.MissingTrId },
        { C2S, "SYN \t \r\n", FramingError.MissingTrId },
        { C2S, "MSG\r\n", FramingError.MissingTrId },
        { S2C, "USR\r\n", FramingError.MissingTrId },
        { S2C, "911\r\n", FramingError.MissingTrId },
        { C2S, "911\r\n", FramingError.MissingTrId },

        { C2S, "SYN x 0\r\n", FramingError.InvalidTrId },
        { C2S, "SYN -1 0\r\n", FramingError.InvalidTrId },
        { C2S, "SYN +1 0\r\n", FramingError.InvalidTrId },
        { C2S, "SYN 1.5 0\r\n", FramingError.InvalidTrId },
        { C2S, "SYN 0x10 0\r\n", FramingError.InvalidTrId },
        { C2S, "SYN 1234567890x 0\r\n", FramingError.InvalidTrId },
        { C2S, "MSG A 5\r\nhello", FramingError.InvalidTrId },
        { S2C, "ACK abc\r\n", FramingError.InvalidTrId },
        { S2C, "911 three\r\n", FramingError.InvalidTrId },

        { C2S, "SYN 4294967296 0\r\n", FramingError.TrIdOutOfRange },
        { C2S, "SYN 12345678901 0\r\n", FramingError.TrIdOutOfRange },
        { C2S, "SYN 00000000001 0\r\n", FramingError.TrIdOutOfRange },
        { C2S, "SYN 99999999999999999999999 0\r\n", FramingError.TrIdOutOfRange },
        { S2C, "ACK 4294967296\r\n", FramingError.TrIdOutOfRange },

        { C2S, "MSG 1\r\n", FramingError.MissingLength },
        { C2S, "MSG 1 A\r\n", FramingError.MissingLength },
        { C2S, "MSG 1 A \t \r\n", FramingError.MissingLength },
        { C2S, "QRY 7 msmsgs@msnmsgr.com\r\n", FramingError.MissingLength },
        { C2S, "SDC 5\r\n", FramingError.MissingLength },
        { C2S, "SDC 5  \r\n", FramingError.MissingLength },
        { S2C, "MSG Hotmail Hotmail\r\n", FramingError.MissingLength },
        { S2C, "NOT\r\n", FramingError.MissingLength },
        { S2C, "IPG \r\n", FramingError.MissingLength },

        { C2S, "MSG 1 A 1a\r\n", FramingError.InvalidLength },
        { C2S, "MSG 1 A 0x10\r\n", FramingError.InvalidLength },
        { C2S, "MSG 1 A +5\r\n", FramingError.InvalidLength },
        { C2S, "MSG 1 A 5.0\r\n", FramingError.InvalidLength },
        { C2S, "MSG 1 A -\r\n", FramingError.InvalidLength },
        { C2S, "MSG 1 A --5\r\n", FramingError.InvalidLength },
        { C2S, "MSG 1 A ５\r\n", FramingError.InvalidLength },
        { C2S, "SDC 5 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice note\r\n", FramingError.InvalidLength },
        { S2C, "NOT many\r\n", FramingError.InvalidLength },

        { C2S, "MSG 1 N -100\r\n", FramingError.NegativeLength },
        { C2S, "MSG 1 N -1\r\n", FramingError.NegativeLength },
        { S2C, "MSG bob@example.com Bob -100\r\n", FramingError.NegativeLength },
        { S2C, "NOT -5\r\n", FramingError.NegativeLength },

        { C2S, "MSG 1 A 0000000001\r\n", FramingError.PayloadTooLarge },
        { C2S, "MSG 1 A 99999999999999999999\r\n", FramingError.PayloadTooLarge },
        { C2S, "MSG 1 A 2147483648\r\n", FramingError.PayloadTooLarge },
        { C2S, "MSG 1 A 1665\r\n", FramingError.PayloadTooLarge },
        { C2S, "QRY 7 msmsgs@msnmsgr.com 999999999\r\n", FramingError.PayloadTooLarge },
        { S2C, "MSG Hotmail Hotmail 65537\r\n", FramingError.PayloadTooLarge },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Reports_the_violation_however_the_bytes_arrive(FrameDirection direction, string wire, FramingError error)
    {
        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, direction));
        FrameAssert.FailsEveryWay(scanner, Encoding.UTF8.GetBytes(wire), error);
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_violation_disconnects_without_an_error_reply(FrameDirection direction, string wire, FramingError error)
    {
        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, direction));
        var status = scanner.TryRead(Sequences.Contiguous(Encoding.UTF8.GetBytes(wire)), out var frame, out var violation);

        Assert.Equal(ScanStatus.Violation, status);
        Assert.Equal(error, violation.Error);
        Assert.Equal(ViolationAction.Disconnect, violation.Action);
        Assert.Null(violation.Code);
        Assert.Equal(0, frame.Length);
        Assert.NotEqual("no error", violation.Describe());
    }

    [Fact]
    public void The_line_that_hangs_other_servers_is_refused_before_any_payload_arrives()
    {
        // "MSG 1 N -100" must never be read as "wait for -100 bytes" or as a line without payload.
        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, C2S));
        foreach (var wire in new[] { "MSG 1 N -100\r\n", "MSG 1 N -100\r\nPNG\r\n", "MSG 1 N -100\n" })
        {
            Assert.Equal(ScanStatus.Violation, scanner.TryRead(Sequences.Contiguous(Encoding.ASCII.GetBytes(wire)), out _, out var violation));
            Assert.Equal(FramingError.NegativeLength, violation.Error);
        }
    }

    [Fact]
    public void A_TrID_of_exactly_4294967295_is_accepted()
    {
        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, C2S));
        FrameAssert.ReadsEveryWay(scanner, "SYN 4294967295 0\r\n"u8.ToArray(), "SYN", uint.MaxValue, "SYN 4294967295 0"u8.ToArray(), null);
        FrameAssert.ReadsEveryWay(scanner, "SYN 0000000007 0\r\n"u8.ToArray(), "SYN", 7, "SYN 0000000007 0"u8.ToArray(), null);
    }

    [Fact]
    public void A_stream_stops_at_its_first_bad_frame()
    {
        var scanner = new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, C2S));
        var frames = FrameStreamReader.ReadBuffer(scanner, Sequences.Contiguous("PNG\r\nsyn 1 0\r\nPNG\r\n"u8.ToArray()));
        Assert.Equal(["PNG", string.Empty], frames.Select(f => f.Code));
        Assert.Equal(Scanned.Violation(FramingError.InvalidCommand).ToString(), frames[1].ToString());
    }

    [Fact]
    public void A_length_with_more_digits_than_allowed_never_overflows_into_a_small_length()
    {
        // Regression: with a digit limit above nine, 4294967297 wrapped to 1 and was accepted as a one-byte payload.
        var limits = FramingLimits.Default with { MaxLengthDigits = 20 };
        var scanner = new FrameScanner(CommandTable.Create(MsnpDialect.Msnp8, C2S, limits));

        FrameAssert.FailsEveryWay(scanner, "MSG 1 A 4294967297\r\nx"u8.ToArray(), FramingError.PayloadTooLarge);
        FrameAssert.FailsEveryWay(scanner, "MSG 1 A 18446744073709551617\r\nx"u8.ToArray(), FramingError.PayloadTooLarge);
        FrameAssert.FailsEveryWay(scanner, "MSG 1 A 99999999999999999999\r\n"u8.ToArray(), FramingError.PayloadTooLarge);
        FrameAssert.ReadsEveryWay(scanner, "MSG 1 A 00000000000000000001\r\nx"u8.ToArray(), "MSG", 1, "MSG 1 A 00000000000000000001"u8.ToArray(), "x"u8.ToArray());
    }

    [Fact]
    public void A_TrID_with_more_digits_than_allowed_never_overflows_into_a_small_TrID()
    {
        // Regression: with a digit limit above ten, 2^64 + 1 wrapped to 1 and was accepted as TrID 1.
        var limits = FramingLimits.Default with { MaxTrIdDigits = 30 };
        var scanner = new FrameScanner(CommandTable.Create(MsnpDialect.Msnp8, C2S, limits));

        FrameAssert.FailsEveryWay(scanner, "SYN 18446744073709551617 0\r\n"u8.ToArray(), FramingError.TrIdOutOfRange);
        FrameAssert.FailsEveryWay(scanner, "SYN 4294967296 0\r\n"u8.ToArray(), FramingError.TrIdOutOfRange);
        FrameAssert.FailsEveryWay(scanner, "SYN 42949672960000x 0\r\n"u8.ToArray(), FramingError.InvalidTrId);
        FrameAssert.ReadsEveryWay(scanner, "SYN 000000000000004294967295 0\r\n"u8.ToArray(), "SYN", uint.MaxValue, "SYN 000000000000004294967295 0"u8.ToArray(), null);

        // A TrID that is optional is simply not a TrID when it overflows.
        var server = new FrameScanner(CommandTable.Create(MsnpDialect.Msnp8, S2C, limits));
        FrameAssert.ReadsEveryWay(server, "GTC 18446744073709551617 A\r\n"u8.ToArray(), "GTC", null, "GTC 18446744073709551617 A"u8.ToArray(), null);
    }
}
