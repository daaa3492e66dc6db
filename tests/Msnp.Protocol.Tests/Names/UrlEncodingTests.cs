using System.Buffers;
using System.Text;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Tests.Names;

public class UrlEncodingTests
{
    [Theory]
    [InlineData("Alice Name", "Alice%20Name")]
    [InlineData("100%", "100%25")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("\u007F", "%7F")]
    [InlineData("é", "%C3%A9")]
    [InlineData("中", "%E4%B8%AD")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("http://messenger.msn.com", "http%3A%2F%2Fmessenger.msn.com")]
    [InlineData("a,b=c&d'e+f", "a%2Cb%3Dc%26d%27e%2Bf")]
    [InlineData("Az09-._~", "Az09-._~")]
    [InlineData("", "")]
    public void Encodes_unsafe_bytes_as_upper_case_escapes(string text, string expected)
    {
        Assert.Equal(expected, UrlEncoding.Encode(text));
        Assert.Equal(expected.Length, UrlEncoding.EncodedLength(text));
        Assert.Equal(expected.Length, UrlEncoding.EncodedLength(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("Alice%20Name", "Alice Name")]
    [InlineData("%c3%a9", "é")]
    [InlineData("%C3%A9", "é")]
    [InlineData("http%3A%2F%2Fmessenger%2Emsn%2Ecom", "http://messenger.msn.com")]
    [InlineData("a+b", "a+b")]
    [InlineData("raw é stays", "raw é stays")]
    public void Decodes_escapes_in_either_case(string encoded, string expected)
    {
        Assert.Equal(expected, UrlEncoding.Decode(encoded));
        Assert.Equal(expected, UrlEncoding.Decode(Encoding.UTF8.GetBytes(encoded)));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("100%", "100%")]
    [InlineData("%4", "%4")]
    [InlineData("%G1", "%G1")]
    [InlineData("%%41", "%A")]
    [InlineData("a%2", "a%2")]
    [InlineData("%zz%20", "%zz ")]
    public void Keeps_malformed_escapes_literally(string encoded, string expected)
    {
        Assert.Equal(expected, UrlEncoding.Decode(encoded));
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), UrlEncoding.DecodedLength(Encoding.UTF8.GetBytes(encoded)));
    }

    [Fact]
    public void Invalid_utf8_after_decoding_becomes_replacement_characters()
    {
        Assert.Equal("a\uFFFDb", UrlEncoding.Decode("a%FFb"));
        Assert.Equal("\uFFFD", UrlEncoding.Decode("%C3"));
        Assert.Equal("x\uFFFD", UrlEncoding.Decode("x%E4%B8"u8));
    }

    [Fact]
    public void Lone_surrogates_are_encoded_as_replacement_character()
    {
        Assert.Equal("%EF%BF%BD", UrlEncoding.Encode("\uD800"));
        Assert.Equal(9, UrlEncoding.EncodedLength("\uDC00".AsSpan()));
    }

    [Fact]
    public void Long_input_crossing_internal_chunks_encodes_whole()
    {
        // 300 × "é😀" spans many 256-byte chunks and puts surrogate pairs on chunk edges.
        string text = string.Concat(Enumerable.Repeat("é😀 ", 300));
        string encoded = UrlEncoding.Encode(text);
        Assert.Equal(300 * (6 + 12 + 3), encoded.Length);
        Assert.Equal(encoded.Length, UrlEncoding.EncodedLength(text));
        Assert.Equal(text, UrlEncoding.Decode(encoded));
        Assert.Equal(text, UrlEncoding.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [Fact]
    public void TryEncode_refuses_a_destination_that_is_too_small()
    {
        byte[] source = "a b"u8.ToArray();
        Assert.False(UrlEncoding.TryEncode(source, new byte[4], out _));
        Assert.False(UrlEncoding.TryEncode(source, new byte[2], out _));
        var exact = new byte[5];
        Assert.True(UrlEncoding.TryEncode(source, exact, out int written));
        Assert.Equal(5, written);
        Assert.Equal("a%20b"u8.ToArray(), exact);
    }

    [Fact]
    public void TryDecode_works_in_place_and_refuses_a_small_destination()
    {
        byte[] buffer = "x%20y%2"u8.ToArray();
        Assert.True(UrlEncoding.TryDecode(buffer, buffer, out int written));
        Assert.Equal("x y%2", Encoding.ASCII.GetString(buffer, 0, written));
        Assert.False(UrlEncoding.TryDecode("abc"u8, new byte[2], out _));
    }

    [Fact]
    public void Buffer_writer_overloads_append_to_existing_output()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("NAME "u8);
        UrlEncoding.Encode("Bob & Co".AsSpan(), output);
        Assert.Equal("NAME Bob%20%26%20Co", Encoding.ASCII.GetString(output.WrittenSpan));

        var decoded = new ArrayBufferWriter<byte>();
        UrlEncoding.Decode("Bob%20%26%20Co"u8, decoded);
        Assert.Equal("Bob & Co", Encoding.UTF8.GetString(decoded.WrittenSpan));
    }

    [Theory]
    [InlineData("Times New Roman", "Times%20New%20Roman")]
    [InlineData("MS Sans Serif", "MS%20Sans%20Serif")]
    [InlineData("Comic_Sans+é", "Comic_Sans+é")]
    [InlineData("Arial", "Arial")]
    public void Font_names_encode_only_spaces(string font, string expected)
    {
        Assert.Equal(expected, UrlEncoding.EncodeFontName(font));
        Assert.Equal(font, UrlEncoding.Decode(expected));
    }
}
