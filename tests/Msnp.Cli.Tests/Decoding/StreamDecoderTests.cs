using System.Text;
using System.Text.Json;
using Msnp.Cli.Decoding;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using static Msnp.Cli.Tests.Decoding.DecoderRun;

namespace Msnp.Cli.Tests.Decoding;

public class StreamDecoderTests
{
    [Fact]
    public async Task Msnp8_session_from_the_server_prints_one_line_per_frame()
    {
        var (exitCode, lines) = await RunAsync(Bytes(Transcripts.Msnp8SessionServer));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(Transcripts.Msnp8SessionServerJson, lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task Output_does_not_depend_on_how_the_input_arrives(int bytesPerRead)
    {
        var (exitCode, lines) = await RunAsync(Bytes(Transcripts.Msnp8SessionServer), bytesPerRead: bytesPerRead);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(Transcripts.Msnp8SessionServerJson, lines);
    }

    [Fact]
    public async Task Msnp8_session_from_the_client_keeps_the_qry_digest_as_payload()
    {
        var (exitCode, lines) = await RunAsync(Bytes(Transcripts.Msnp8SessionClient), FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(
            [
                """{"command":"SYN","trid":5,"params":["0"],"payload":null}""",
                """{"command":"CHG","trid":6,"params":["NLN","268435492"],"payload":null}""",
                """{"command":"QRY","trid":7,"params":["msmsgs@msnmsgr.com","32"],"payload":"OGYyZjVhOTFiNzIxMDJjZDI4MzU1ZTlmYzkwMDBkNmU="}""",
            ],
            lines);
    }

    [Fact]
    public async Task Client_message_payloads_with_nul_bytes_and_multibyte_utf8_come_back_byte_for_byte()
    {
        byte[] first = Encoding.UTF8.GetBytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nZoë says 日本語 \u0000 and 🎉");
        byte[] second = [0x00, 0x00, 0xC3, 0xA9, 0x0D, 0x0A, 0x00, 0xFF];
        var input = Concat(
            Bytes($"MSG 1 N {first.Length}\r\n"), first,
            Bytes($"MSG 2 A {second.Length}\n"), second,
            Bytes("OUT\r\n"));

        var (exitCode, lines) = await RunAsync(input, FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(3, lines.Length);
        Assert.Equal(first, Payload(lines[0]));
        Assert.Equal(second, Payload(lines[1]));
        Assert.Equal(Convert.ToBase64String(first), JsonDocument.Parse(lines[0]).RootElement.GetProperty("payload").GetString());
        Assert.Equal("""{"command":"MSG","trid":2,"params":["A","8"],"payload":"AADDqQ0KAP8="}""", lines[1]);
        Assert.Equal("""{"command":"OUT","trid":null,"params":[],"payload":null}""", lines[2]);
    }

    [Fact]
    public async Task Violation_reports_the_offset_where_the_bad_frame_starts_after_the_good_ones()
    {
        var good = "MSG 1 N 5\r\nhelloPNG\r\n";
        var input = Bytes(good + "MSG 1 N -100\r\nMSG 2 N 5\r\nhello");

        var (exitCode, lines) = await RunAsync(input, FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(
            [
                """{"command":"MSG","trid":1,"params":["N","5"],"payload":"aGVsbG8="}""",
                """{"command":"PNG","trid":null,"params":[],"payload":null}""",
                $$"""{"error":"negative payload length","offset":{{good.Length}}}""",
            ],
            lines);
    }

    [Theory]
    [InlineData("SYN 5 0\r\n\r\n", "empty line", 9)]
    [InlineData("SYN 5 0\r\nsyn 6 0\r\n", "invalid command code", 9)]
    [InlineData("CHG 6 NLN\r\nUSR\r\n", "missing transaction id", 11)]
    [InlineData("SYN -1 0\r\n", "transaction id is not a non-negative integer", 0)]
    [InlineData("SYN 5 0\r\nSYN 4294967296 0\r\n", "transaction id out of range", 9)]
    [InlineData("MSG 1 N\r\n", "missing payload length", 0)]
    [InlineData("MSG 1 N 5x\r\nhello", "payload length is not a decimal integer", 0)]
    [InlineData("MSG 1 N 1665\r\n", "payload too large", 0)]
    public async Task Client_side_violations_are_described_with_their_offset(string input, string reason, long offset)
    {
        var (exitCode, lines) = await RunAsync(Bytes(input), FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal($$"""{"error":"{{reason}}","offset":{{offset}}}""", lines[^1]);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_a_violation_even_before_its_end_arrives()
    {
        var input = Bytes("CHL 0 1\r\n" + "CHG 6 " + new string('N', FramingLimits.Default.MaxLineLength + 10));

        var (exitCode, lines) = await RunAsync(input, bytesPerRead: 512);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal("""{"error":"line too long","offset":9}""", lines[^1]);
    }

    [Fact]
    public async Task A_line_with_too_many_tokens_is_a_violation()
    {
        var tooMany = "ILN 6" + string.Concat(Enumerable.Repeat(" x", FramingLimits.Default.MaxTokens)) + "\r\n";

        var (exitCode, lines) = await RunAsync(Bytes("QNG\r\n" + tooMany));

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal(["""{"command":"QNG","trid":null,"params":[],"payload":null}""", """{"error":"too many tokens","offset":5}"""], lines);
    }

    [Theory]
    [InlineData("SYN 5 0\r\nMSG 1 N 10\r\nhello", 9)]
    [InlineData("SYN 5 0\r\nOUT", 9)]
    [InlineData("SYN 5 0\r\nMSG 1 N 5\r", 9)]
    [InlineData("SYN", 0)]
    public async Task Input_that_ends_inside_a_frame_is_reported_as_truncated(string input, long offset)
    {
        var (exitCode, lines) = await RunAsync(Bytes(input), FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Equal($$"""{"error":"{{StreamDecoder.TruncatedFrame}}","offset":{{offset}}}""", lines[^1]);
        Assert.Equal(offset == 0 ? 1 : 2, lines.Length);
    }

    [Fact]
    public async Task Empty_input_prints_nothing_and_succeeds()
    {
        var (exitCode, lines) = await RunAsync([]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Client_message_has_a_trid_where_a_server_message_has_the_sender()
    {
        var input = Bytes("MSG 1 N 5\r\nhello");

        var (clientExit, client) = await RunAsync(input, FrameDirection.ClientToServer);
        var (serverExit, server) = await RunAsync(input, FrameDirection.ServerToClient);

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (clientExit, serverExit));
        Assert.Equal(["""{"command":"MSG","trid":1,"params":["N","5"],"payload":"aGVsbG8="}"""], client);
        Assert.Equal(["""{"command":"MSG","trid":null,"params":["1","N","5"],"payload":"aGVsbG8="}"""], server);
    }

    [Fact]
    public async Task Server_message_with_a_sender_is_a_violation_when_read_as_client_bytes()
    {
        var input = Bytes("MSG a@b.c A 5\r\nhello");

        var (serverExit, server) = await RunAsync(input, FrameDirection.ServerToClient);
        var (clientExit, client) = await RunAsync(input, FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.Success, serverExit);
        Assert.Equal(["""{"command":"MSG","trid":null,"params":["a@b.c","A","5"],"payload":"aGVsbG8="}"""], server);
        Assert.Equal(ExitCodes.InvalidInput, clientExit);
        Assert.Equal(["""{"error":"transaction id is not a non-negative integer","offset":0}"""], client);
    }

    [Fact]
    public async Task Msnp7_list_lines_carry_the_trid_that_msnp8_list_lines_do_not()
    {
        var input = Bytes("LST 5 FL 42 1 1 bob@example.com Bob 0\r\n");

        var (exit7, msnp7) = await RunAsync(input, dialect: MsnpDialect.Msnp7);
        var (exit8, msnp8) = await RunAsync(input, dialect: MsnpDialect.Msnp8);

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (exit7, exit8));
        Assert.Equal(["""{"command":"LST","trid":5,"params":["FL","42","1","1","bob@example.com","Bob","0"],"payload":null}"""], msnp7);
        Assert.Equal(["""{"command":"LST","trid":null,"params":["5","FL","42","1","1","bob@example.com","Bob","0"],"payload":null}"""], msnp8);
    }

    [Fact]
    public async Task A_zero_length_payload_is_an_empty_string_not_null()
    {
        var (exitCode, lines) = await RunAsync(Bytes("MSG 1 N 0\r\nOUT\r\n"), FrameDirection.ClientToServer);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(
            [
                """{"command":"MSG","trid":1,"params":["N","0"],"payload":""}""",
                """{"command":"OUT","trid":null,"params":[],"payload":null}""",
            ],
            lines);
    }

    [Fact]
    public async Task Error_replies_print_their_number_as_the_command()
    {
        var (exitCode, lines) = await RunAsync(Bytes("911 3\r\n"));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(["""{"command":"911","trid":3,"params":[],"payload":null}"""], lines);
    }

    [Fact]
    public async Task A_long_stream_is_decoded_to_the_end()
    {
        const int frames = 20_000;
        var one = Bytes("MSG alice@example.com Alice 11\r\nhello world");
        var input = new byte[one.Length * frames];
        for (int i = 0; i < frames; i++)
        {
            one.CopyTo(input, i * one.Length);
        }

        var (exitCode, lines) = await RunAsync(input, bytesPerRead: 4000);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(frames, lines.Length);
        Assert.All(lines, line => Assert.Equal("""{"command":"MSG","trid":null,"params":["alice@example.com","Alice","11"],"payload":"aGVsbG8gd29ybGQ="}""", line));
    }

    private static byte[] Payload(string line) =>
        JsonDocument.Parse(line).RootElement.GetProperty("payload").GetBytesFromBase64();
}
