using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Which commands carry a TrID and a payload depends on the dialect and the direction (catalogue §2.4–2.6, §3).</summary>
public class CommandTableTests
{
    private const FrameDirection C2S = FrameDirection.ClientToServer;
    private const FrameDirection S2C = FrameDirection.ServerToClient;

    public static TheoryData<int> Versions => [.. Enumerable.Range(MsnpDialect.MinimumVersion, MsnpDialect.MaximumVersion - MsnpDialect.MinimumVersion + 1)];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Client_MSG_has_a_TrID_and_its_length_at_token_two(int version)
    {
        var rule = Table(version, C2S).Get(CommandCodes.Msg);
        // 1,664 bytes (catalogue §2.7) up to MSNP15; from MSNP16 P2P messages name both ends with a machine GUID.
        var limit = version >= 16 ? 2048 : 1664;
        Assert.Equal(CommandRule.WithPayload(TrIdPresence.Required, 2, limit), rule);
        Expect(version, C2S, "MSG 1 A 5\r\nhello", "MSG", 1, "hello");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Server_MSG_has_no_TrID_even_when_the_sender_looks_numeric(int version)
    {
        var rule = Table(version, S2C).Get(CommandCodes.Msg);
        Assert.Equal(TrIdPresence.None, rule.TrId);
        Assert.Equal(2, rule.LengthToken);
        Expect(version, S2C, "MSG alice@example.com Alice%20Name 5\r\nhello", "MSG", null, "hello");
        Expect(version, S2C, "MSG Hotmail Hotmail 5\r\nhello", "MSG", null, "hello");
        Expect(version, S2C, "MSG 1 2 3\r\nabc", "MSG", null, "abc");
    }

    [Fact]
    public void MSNP8_list_lines_inside_SYN_have_no_TrID_but_replies_to_changes_do()
    {
        Expect(8, S2C, "GTC A\r\n", "GTC", null, null);
        Expect(8, S2C, "GTC 5 12 A\r\n", "GTC", 5, null);
        Expect(8, S2C, "BLP AL\r\n", "BLP", null, null);
        Expect(8, S2C, "BLP 6 13 BL\r\n", "BLP", 6, null);
        Expect(8, S2C, "PRP PHH 555%201234\r\n", "PRP", null, null);
        Expect(8, S2C, "PRP 10 MFN 12345\r\n", "PRP", 10, null);
        Expect(9, S2C, "GTC N\r\n", "GTC", null, null);

        // LSG and LST are only ever SYN lines in MSNP8+: a leading group id is not a TrID.
        Expect(8, S2C, "LSG 0 Other%20Contacts 0\r\n", "LSG", null, null);
        Expect(8, S2C, "LST bob@example.com Bob 11 0,1\r\n", "LST", null, null);
        Expect(9, S2C, "LSG 1 Friends 0\r\n", "LSG", null, null);
    }

    [Fact]
    public void MSNP2_to_MSNP7_list_lines_carry_the_TrID()
    {
        Expect(7, S2C, "LST 5 FL 12 1 2 a@b.c A 0\r\n", "LST", 5, null);
        Expect(7, S2C, "LSG 5 12 1 2 0 Other%20Contacts 0\r\n", "LSG", 5, null);
        Expect(2, S2C, "LST 5 RL 12 0 0\r\n", "LST", 5, null);
        Expect(5, S2C, "PRP 5 13 PHH 555%201234\r\n", "PRP", 5, null);

        // The MSNP8 TrID-less form is not valid before MSNP8.
        ExpectViolation(7, S2C, "GTC A\r\n", FramingError.InvalidTrId);

        // ... and the same bytes read in MSNP7 take the group id for a TrID.
        Expect(7, S2C, "LSG 0 Other%20Contacts 0\r\n", "LSG", 0, null);
    }

    [Fact]
    public void PRP_MFN_with_a_number_is_not_a_payload_command()
    {
        // The last token being numeric means nothing: the table, not the token, decides.
        foreach (var direction in new[] { C2S, S2C })
        {
            Assert.False(Table(8, direction).Get(CommandCodes.Prp).HasPayload);
            Expect(8, direction, "PRP 10 MFN 12345\r\n", "PRP", 10, null);
        }
    }

    [Fact]
    public void QRY_is_a_payload_command_only_from_MSNP6()
    {
        foreach (int version in new[] { 2, 5 })
        {
            Assert.False(Table(version, C2S).IsKnown(CommandCodes.Qry));
            Assert.False(Table(version, C2S).Get(CommandCodes.Qry).HasPayload);
            Expect(version, C2S, "QRY 7 msmsgs@msnmsgr.com 32\r\n", "QRY", 7, null);
        }

        foreach (int version in new[] { 6, 7, 8, 9 })
        {
            Assert.Equal(CommandRule.WithPayload(TrIdPresence.Required, 2, FramingLimits.Default.MaxClientOtherPayload), Table(version, C2S).Get(CommandCodes.Qry));
            Expect(version, C2S, "QRY 7 msmsgs@msnmsgr.com 32\r\n8f2f5a91b72102cd28355e9fc9000d6e", "QRY", 7, "8f2f5a91b72102cd28355e9fc9000d6e");
        }

        // The server's reply has no payload in any version.
        Assert.False(Table(8, S2C).Get(CommandCodes.Qry).HasPayload);
    }

    [Fact]
    public void PGD_is_a_payload_command_only_in_MSNP9_with_its_length_fifth()
    {
        foreach (int version in new[] { 2, 5, 7, 8 })
        {
            Assert.False(Table(version, C2S).Get(CommandCodes.Pgd).HasPayload);
        }

        Assert.Equal(3, Table(9, C2S).Get(CommandCodes.Pgd).LengthToken);
        Expect(9, C2S, "PGD 8 bob@example.com 1 5\r\nhello", "PGD", 8, "hello");
        Expect(9, C2S, "PGD 8 bob@example.com 2 0\r\n", "PGD", 8, "");
        ExpectViolation(9, C2S, "PGD 8 bob@example.com 5\r\nhello", FramingError.MissingLength);
    }

    [Fact]
    public void PAG_is_a_payload_command_from_MSNP5_and_still_framed_in_MSNP9()
    {
        Assert.False(Table(4, C2S).Get(CommandCodes.Pag).HasPayload);
        foreach (int version in new[] { 5, 6, 7, 8, 9 })
        {
            Assert.Equal(2, Table(version, C2S).Get(CommandCodes.Pag).LengthToken);
            Expect(version, C2S, "PAG 8 bob@example.com 5\r\nhello", "PAG", 8, "hello");
        }
    }

    [Fact]
    public void NOT_is_a_payload_command_from_MSNP5_and_IPG_from_MSNP6()
    {
        Assert.False(Table(4, S2C).Get(CommandCodes.Not).HasPayload);
        Expect(4, S2C, "NOT 5\r\n", "NOT", 5, null);
        foreach (int version in new[] { 5, 6, 7, 8, 9 })
        {
            Expect(version, S2C, "NOT 5\r\nhello", "NOT", null, "hello");
        }

        Assert.False(Table(5, S2C).Get(CommandCodes.Ipg).HasPayload);
        foreach (int version in new[] { 6, 7, 8, 9 })
        {
            Expect(version, S2C, "IPG 5\r\nhello", "IPG", null, "hello");
        }
    }

    [Fact]
    public void SDC_takes_its_length_from_the_last_token_from_MSNP5()
    {
        Assert.False(Table(4, C2S).Get(CommandCodes.Sdc).HasPayload);
        foreach (int version in new[] { 5, 7, 8, 9 })
        {
            Assert.Equal(CommandRule.LastToken, Table(version, C2S).Get(CommandCodes.Sdc).LengthToken);
            Expect(version, C2S, "SDC 6 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice%20Name 5\r\nhello", "SDC", 6, "hello");
            Expect(version, C2S, "SDC 6 2 12\r\nhello, world", "SDC", 6, "hello, world");
        }

        Expect(8, S2C, "SDC 6 OK\r\n", "SDC", 6, null);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Unknown_client_codes_require_a_TrID(int version)
    {
        var table = Table(version, C2S);
        var zzz = CommandCode.Parse("ZZZ");
        Assert.False(table.IsKnown(zzz));
        Assert.Equal(CommandRule.Line(TrIdPresence.Required), table.UnknownRule);
        Assert.Equal(table.UnknownRule, table.Get(zzz));

        Expect(version, C2S, "ZZZ 5 a b\r\n", "ZZZ", 5, null);
        ExpectViolation(version, C2S, "ZZZ a b\r\n", FramingError.InvalidTrId);
        ExpectViolation(version, C2S, "ZZZ\r\n", FramingError.MissingTrId);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Unknown_server_codes_take_a_TrID_when_it_is_numeric(int version)
    {
        var table = Table(version, S2C);
        Assert.Equal(CommandRule.Line(TrIdPresence.WhenNumeric), table.UnknownRule);

        Expect(version, S2C, "ZZZ 5 a b\r\n", "ZZZ", 5, null);
        Expect(version, S2C, "ZZZ a b\r\n", "ZZZ", null, null);
        Expect(version, S2C, "ZZZ\r\n", "ZZZ", null, null);

        // An unknown server code never announces a payload: its last number is just a parameter.
        Expect(version, S2C, "ZZX bob@example.com 12\r\n", "ZZX", null, null);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Error_replies_carry_the_TrID_in_both_directions(int version)
    {
        foreach (var direction in new[] { C2S, S2C })
        {
            var table = Table(version, direction);
            var code = CommandCode.FromError(911);
            Assert.True(table.IsKnown(code));
            Assert.Equal(CommandRule.Line(TrIdPresence.Required), table.Get(code));
            Expect(version, direction, "911 3\r\n", "911", 3, null);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Keep_alives_and_logout_have_no_TrID(int version)
    {
        Expect(version, C2S, "PNG\r\n", "PNG", null, null);
        Expect(version, C2S, "OUT\r\n", "OUT", null, null);
        Expect(version, S2C, "QNG\r\n", "QNG", null, null);
        Expect(version, S2C, "QNG 50\r\n", "QNG", null, null);
        Expect(version, S2C, "OUT OTH\r\n", "OUT", null, null);
        Expect(version, S2C, "RNG 17342299 207.46.108.78:1863 CKI 1056411141.26158 bob@example.com Bob\r\n", "RNG", null, null);
        Expect(version, S2C, "BPR 12 bob@example.com PHH 555%209876\r\n", "BPR", null, null);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Unsolicited_server_commands_use_TrID_zero(int version)
    {
        Expect(version, S2C, "CHL 0 15570131571988941333\r\n", "CHL", 0, null);
        Expect(version, S2C, "ADD 0 RL 13 dave@example.com Dave\r\n", "ADD", 0, null);
        Expect(version, S2C, "REM 0 RL 14 dave@example.com\r\n", "REM", 0, null);
    }

    [Fact]
    public void Tables_are_cached_per_dialect_and_direction_and_custom_ones_keep_their_limits()
    {
        Assert.Same(CommandTable.For(MsnpDialect.Msnp8, C2S), CommandTable.For(MsnpDialect.Msnp8, C2S));
        Assert.NotSame(CommandTable.For(MsnpDialect.Msnp8, C2S), CommandTable.For(MsnpDialect.Msnp8, S2C));
        Assert.NotSame(CommandTable.For(MsnpDialect.Msnp8, C2S), CommandTable.For(MsnpDialect.Msnp9, C2S));
        Assert.Equal(MsnpDialect.Msnp9, CommandTable.For(MsnpDialect.Msnp9, S2C).Dialect);
        Assert.Equal(S2C, CommandTable.For(MsnpDialect.Msnp9, S2C).Direction);

        var limits = FramingLimits.Default with { MaxClientMessagePayload = 100 };
        var custom = CommandTable.Create(MsnpDialect.Msnp8, C2S, limits);
        Assert.Same(limits, custom.Limits);
        Assert.Equal(100, custom.Get(CommandCodes.Msg).MaxPayload);
        Assert.Same(custom, new FrameScanner(custom).Table);
    }

    private static CommandTable Table(int version, FrameDirection direction) => CommandTable.For(MsnpDialect.FromVersion(version), direction);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Personal_status_commands_carry_their_payload_from_MSNP11(int version)
    {
        Expect(version, C2S, "UUX 9 7\r\n<Data/>", "UUX", 9, "<Data/>");
        Expect(version, S2C, "UBX bob@example.com 7\r\n<Data/>", "UBX", null, "<Data/>");
        Expect(version, S2C, "UUX 9 0\r\n", "UUX", 9, null);
        Expect(version, S2C, "SBS 0 null\r\n", "SBS", 0, null);
        Expect(version, S2C, "GCF 4 Shields.xml 4\r\n<x/>", "GCF", 4, "<x/>");
        Expect(version, C2S, "GCF 4 Shields.xml\r\n", "GCF", 4, null);
        ExpectViolation(version, C2S, "UUX 9 5000\r\n", FramingError.PayloadTooLarge);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    public void UUX_carries_up_to_8_KiB_from_MSNP16(int version)
    {
        var document = "<Data><PSM>" + new string('a', 5000) + "</PSM></Data>";
        Expect(version, C2S, $"UUX 9 {document.Length}\r\n{document}", "UUX", 9, document);
        ExpectViolation(version, C2S, $"UUX 9 {(8 * 1024) + 1}\r\n", FramingError.PayloadTooLarge);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void Guid_list_commands_carry_a_TrID_from_MSNP10(int version)
    {
        Expect(version, C2S, "ADC 5 FL N=bob@example.com F=Bob\r\n", "ADC", 5, null);
        Expect(version, C2S, "SBP 6 0f0e0d0c-0b0a-0908-0706-050403020100 MFN Bob\r\n", "SBP", 6, null);
        Expect(version, S2C, "ADC 0 RL N=bob@example.com F=Bob\r\n", "ADC", 0, null);
        Expect(version, S2C, "LST N=bob@example.com F=Bob C=0f0e0d0c-0b0a-0908-0706-050403020100 11 1\r\n", "LST", null, null);
        Expect(version, S2C, "LSG Friends a1b2c3d4-0000-4000-8000-00000000f00d\r\n", "LSG", null, null);
        Expect(version, S2C, "PRP MFN Alice\r\n", "PRP", null, null);
    }

    [Fact]
    public void Before_MSNP11_UBX_is_an_unknown_line()
    {
        Expect(10, S2C, "UBX bob@example.com 7\r\n", "UBX", null, null);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(18)]
    public void Address_book_list_commands_carry_XML_from_MSNP13(int version)
    {
        const string ml = "<ml l=\"1\"><d n=\"example.com\"><c n=\"bob\" l=\"3\" t=\"1\"/></d></ml>";
        Expect(version, C2S, $"ADL 9 {ml.Length}\r\n{ml}", "ADL", 9, ml);
        Expect(version, C2S, $"RML 9 {ml.Length}\r\n{ml}", "RML", 9, ml);
        Expect(version, C2S, "UUN 9 bob@example.com 5 3\r\nabc", "UUN", 9, "abc");

        // The answer is a line; the server's own ADL (someone added the user) carries XML.
        Expect(version, S2C, "ADL 9 OK\r\n", "ADL", 9, null);
        Expect(version, S2C, "RML 9 OK\r\n", "RML", 9, null);
        Expect(version, S2C, $"ADL 0 {ml.Length}\r\n{ml}", "ADL", 0, ml);
        Expect(version, S2C, "UBN bob@example.com 5 3\r\nabc", "UBN", null, "abc");
        Expect(version, S2C, "UUN 9 OK\r\n", "UUN", 9, null);
        ExpectViolation(version, C2S, "ADL 9 20000\r\n", FramingError.PayloadTooLarge);
    }

    [Fact]
    public void FQY_from_MSNP14_and_PUT_SDG_NFY_at_MSNP18()
    {
        Expect(14, C2S, "FQY 9 5\r\n<ml/>", "FQY", 9, "<ml/>");
        Expect(14, S2C, "FQY 9 5\r\n<ml/>", "FQY", 9, "<ml/>");
        Expect(18, C2S, "PUT 9 3\r\nabc", "PUT", 9, "abc");
        Expect(18, C2S, "SDG 9 3\r\nabc", "SDG", 9, "abc");
        Expect(18, S2C, "PUT 9 OK 0\r\n", "PUT", 9, string.Empty);
        Expect(18, S2C, "NFY PUT 3\r\nabc", "NFY", null, "abc");

        // Before its version the command is an unknown line: the number is not a length.
        Expect(13, C2S, "FQY 9 5\r\n", "FQY", 9, null);
        Expect(16, C2S, "PUT 9 3\r\n", "PUT", 9, null);
        Expect(12, C2S, "ADL 9 3\r\n", "ADL", 9, null);
    }

    private static void Expect(int version, FrameDirection direction, string wire, string code, uint? trId, string? payload)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        int lineEnd = Array.IndexOf(bytes, (byte)'\n');
        var line = bytes[..(lineEnd > 0 && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd)];
        var expected = Scanned.Complete(code, trId, line, payload is null ? null : Encoding.UTF8.GetBytes(payload), bytes.Length);
        var scanner = new FrameScanner(Table(version, direction));
        Assert.Equal($"MSNP{version} {direction}: {expected}", $"MSNP{version} {direction}: {Scanned.From(scanner, Sequences.Contiguous(bytes))}");
        Assert.Equal($"MSNP{version} {direction}: {expected}", $"MSNP{version} {direction}: {Scanned.From(scanner, Sequences.OneBytePerSegment(bytes))}");
    }

    private static void ExpectViolation(int version, FrameDirection direction, string wire, FramingError error)
    {
        var scanner = new FrameScanner(Table(version, direction));
        var result = Scanned.From(scanner, Sequences.Contiguous(Encoding.UTF8.GetBytes(wire)));
        Assert.Equal(Scanned.Violation(error).ToString(), result.ToString());
    }
}
