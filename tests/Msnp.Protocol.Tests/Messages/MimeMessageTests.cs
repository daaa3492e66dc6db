using System.Runtime.InteropServices;
using System.Text;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class MimeMessageTests
{
    public static TheoryData<string> WellFormedSamples() => new()
    {
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: alice@example.com\r\n\r\n\r\n",
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=MS%20Sans%20Serif; EF=BI; CO=ff0000; CS=0; PF=22\r\n\r\nHello\r\nWorld",
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nGrüße, 日本語 and 😀",
        "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n",
        "\r\n",
        "\r\nbody without headers",
        "X-Dup: one\r\nx-dup: two\r\nX-DUP: three\r\n\r\n",
        "Age: \r\nSpaced:   three spaces kept  \r\nColon: a:b:c\r\n\r\nx",
        "Request-Data: IP-Address:\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(WellFormedSamples))]
    public void Parse_then_build_gives_the_same_bytes(string sample)
    {
        var bytes = Wire.Bytes(sample);

        Assert.True(MimeMessage.TryParse(bytes.AsMemory(), out var message, out var error), error.ToString());
        Assert.Equal(MimeParseError.None, error);
        Assert.Equal(bytes, message.ToBytes());
        Assert.Equal(bytes.Length, message.GetByteCount());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC })]
    [InlineData(new byte[] { (byte)'\r', (byte)'\n', (byte)'x' })]
    [InlineData(new byte[] { (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' })]
    [InlineData(new byte[] { (byte)'\n' })]
    [InlineData(new byte[] { (byte)'\r' })]
    [InlineData(new byte[] { })]
    public void Binary_bodies_are_kept_byte_for_byte(byte[] body)
    {
        var header = Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] payload = [.. header, .. body];

        Assert.True(MimeMessage.TryParse(payload.AsMemory(), out var message, out _));
        Assert.Equal(body, message.Body.ToArray());
        Assert.Equal(payload, message.ToBytes());
    }

    [Fact]
    public void Headers_keep_order_case_and_duplicates_and_lookup_ignores_case()
    {
        var message = MimeMessage.Parse(Wire.Bytes("Content-Type: text/plain\r\nX-Dup: one\r\nMIME-Version: 1.0\r\nx-dup: two\r\n\r\n"));

        Assert.Equal(["Content-Type", "X-Dup", "MIME-Version", "x-dup"], message.Headers.Select(h => h.Name));
        Assert.Equal("one", message.Headers["X-DUP"]);
        Assert.Equal(["one", "two"], message.Headers.GetValues("x-DUP"));
        Assert.True(message.Headers.Contains("mime-version"));
        Assert.Null(message.Headers["Missing"]);
        Assert.Equal("text/plain", message.ContentType.MediaType);
    }

    [Fact]
    public void Only_one_space_after_the_colon_is_removed()
    {
        var message = MimeMessage.Parse(Wire.Bytes("A:x\r\nB: x\r\nC:  x \r\nD:\r\n\r\n"));

        Assert.Equal(["x", "x", " x ", ""], message.Headers.Select(h => h.Value));
    }

    [Fact]
    public void Lf_only_lines_are_accepted_and_rebuilt_with_crlf()
    {
        var message = MimeMessage.Parse(Wire.Bytes("MIME-Version: 1.0\nContent-Type: text/plain\n\nline1\nline2"));

        Assert.Equal("text/plain", message.ContentType.MediaType);
        Assert.Equal(Wire.Bytes("line1\nline2"), message.Body.ToArray());
        Assert.Equal(Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nline1\nline2"), message.ToBytes());
    }

    [Fact]
    public void The_body_starts_right_after_the_first_empty_line()
    {
        var message = MimeMessage.Parse(Wire.Bytes("A: 1\r\n\r\nB: 2\r\n\r\nrest"));

        Assert.Single(message.Headers);
        Assert.Equal(Wire.Bytes("B: 2\r\n\r\nrest"), message.Body.ToArray());
    }

    [Fact]
    public void Memory_overload_slices_and_span_overload_copies()
    {
        var payload = Wire.Bytes("A: 1\r\n\r\nbody");

        Assert.True(MimeMessage.TryParse(payload.AsMemory(), out var sliced, out _));
        Assert.True(MemoryMarshal.TryGetArray(sliced.Body, out var segment));
        Assert.Same(payload, segment.Array);
        Assert.Equal(payload.Length - 4, segment.Offset);

        Assert.True(MimeMessage.TryParse(payload.AsSpan(), out var copied, out _));
        payload[^1] = (byte)'X';
        Assert.Equal(Wire.Bytes("body"), copied.Body.ToArray());
        Assert.Equal(Wire.Bytes("bodX"), sliced.Body.ToArray());
    }

    [Theory]
    [InlineData("", MimeParseError.MissingBlankLine)]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: text/plain\r\n", MimeParseError.MissingBlankLine)]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: text/plain", MimeParseError.MissingBlankLine)]
    [InlineData("just some text without any header", MimeParseError.MissingBlankLine)]
    [InlineData("MIME-Version 1.0\r\n\r\n", MimeParseError.HeaderWithoutColon)]
    [InlineData("MIME-Version: 1.0\r\nhello\r\n\r\nbody", MimeParseError.HeaderWithoutColon)]
    [InlineData(": empty name\r\n\r\n", MimeParseError.InvalidHeaderName)]
    [InlineData("Bad Name: x\r\n\r\n", MimeParseError.InvalidHeaderName)]
    [InlineData(" Folded: x\r\n\r\n", MimeParseError.InvalidHeaderName)]
    [InlineData("Na\u00e9me: x\r\n\r\n", MimeParseError.InvalidHeaderName)]
    [InlineData("Name: a\rb\r\n\r\n", MimeParseError.InvalidHeaderValue)]
    [InlineData("Name: a\r\r\n\r\n", MimeParseError.InvalidHeaderValue)]
    public void Malformed_payloads_fail_with_the_documented_error(string sample, MimeParseError expected)
    {
        Assert.False(MimeMessage.TryParse(Wire.Bytes(sample).AsMemory(), out var message, out var error));
        Assert.Null(message);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Nul_in_a_header_name_is_rejected()
    {
        byte[] payload = [(byte)'A', 0, (byte)':', (byte)' ', (byte)'x', (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n'];

        Assert.False(MimeMessage.TryParse(payload.AsSpan(), out _, out var error));
        Assert.Equal(MimeParseError.InvalidHeaderName, error);
    }

    [Fact]
    public void Header_count_is_bounded()
    {
        var limits = new MimeLimits { MaxHeaders = 64 };
        string Headers(int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"H{i}: v\r\n")) + "\r\n";

        Assert.True(MimeMessage.TryParse(Wire.Bytes(Headers(64)).AsMemory(), limits, out var ok, out _));
        Assert.Equal(64, ok.Headers.Count);
        Assert.False(MimeMessage.TryParse(Wire.Bytes(Headers(65)).AsMemory(), limits, out _, out var error));
        Assert.Equal(MimeParseError.TooManyHeaders, error);
        Assert.Equal(64, MimeLimits.Default.MaxHeaders);
    }

    [Fact]
    public void Header_line_length_is_bounded_with_crlf_and_with_lf()
    {
        var limits = new MimeLimits { MaxHeaderLineLength = 20 };
        string exact = "Name: " + new string('x', 14);      // 20 bytes
        string over = "Name: " + new string('x', 15);       // 21 bytes

        Assert.True(MimeMessage.TryParse(Wire.Bytes(exact + "\r\n\r\n").AsMemory(), limits, out _, out _));
        Assert.True(MimeMessage.TryParse(Wire.Bytes(exact + "\n\n").AsMemory(), limits, out _, out _));
        foreach (var sample in new[] { over + "\r\n\r\n", over + "\n\n", over, over + new string('y', 5000) })
        {
            Assert.False(MimeMessage.TryParse(Wire.Bytes(sample).AsMemory(), limits, out _, out var error));
            Assert.Equal(MimeParseError.HeaderLineTooLong, error);
        }
    }

    [Fact]
    public void Default_line_limit_stops_a_huge_header_without_a_line_end()
    {
        var payload = new byte[1_000_000];
        payload.AsSpan().Fill((byte)'a');

        Assert.False(MimeMessage.TryParse(payload.AsMemory(), out _, out var error));
        Assert.Equal(MimeParseError.HeaderLineTooLong, error);
    }

    [Fact]
    public void Invalid_utf8_in_a_header_value_is_replaced_and_rebuilds_consistently()
    {
        byte[] payload = [.. Wire.Bytes("X-Bin: a"), 0xFF, 0xFE, .. Wire.Bytes("b\r\n\r\n")];

        var message = MimeMessage.Parse(payload);
        Assert.Equal("a\uFFFD\uFFFDb", message.Headers["X-Bin"]);
        var again = MimeMessage.Parse(message.ToBytes());
        Assert.Equal(message.Headers, again.Headers);
    }

    [Fact]
    public void Create_writes_mime_version_and_content_type_first()
    {
        var message = MimeMessage.Create("text/plain; charset=UTF-8", Wire.Bytes("hi"), new MimeHeader("X-Extra", "1"));

        Assert.Equal(Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-Extra: 1\r\n\r\nhi"), message.ToBytes());
        Assert.Equal(MessageKind.Text, message.Kind);
    }

    [Theory]
    [InlineData("Bad Name", "v")]
    [InlineData("", "v")]
    [InlineData("Colon:", "v")]
    [InlineData("Name", "two\r\nInjected: yes")]
    [InlineData("Name", "lf\nonly")]
    public void Building_refuses_headers_that_would_change_the_framing(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => new MimeMessage([new MimeHeader(name, value)], ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArgumentException>(() => MimeHeaderList.Empty.Add(name, value));
    }

    [Fact]
    public void Header_list_edits_return_new_lists_and_keep_positions()
    {
        var list = new MimeHeaderList([new("A", "1"), new("B", "2"), new("b", "3"), new("C", "4")]);

        var set = list.Set("B", "x");
        Assert.Equal(["A: 1", "B: x", "C: 4"], set.Select(h => h.ToString()));
        Assert.Equal(["A: 1", "B: 2", "b: 3", "C: 4", "D: 5"], list.Add("D", "5").Select(h => h.ToString()));
        Assert.Equal(["A: 1", "C: 4"], list.Remove("b").Select(h => h.ToString()));
        Assert.Equal(["A: 1", "B: 2", "b: 3", "C: 4", "E: 6"], list.Set("E", "6").Select(h => h.ToString()));
        Assert.Equal(4, list.Count);
    }

    [Fact]
    public void Byte_count_counts_utf8_bytes_not_characters()
    {
        var message = MimeMessage.Create("text/plain; charset=UTF-8", Encoding.UTF8.GetBytes("é"), new MimeHeader("X-Name", "日本"));

        Assert.Equal(message.ToBytes().Length, message.GetByteCount());
        Assert.Equal(19 + 41 + 16 + 2 + 2, message.GetByteCount());
    }
}
