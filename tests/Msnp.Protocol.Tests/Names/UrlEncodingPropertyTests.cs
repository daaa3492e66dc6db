using System.Text;
using CsCheck;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Tests.Names;

public class UrlEncodingPropertyTests
{
    // Valid Unicode text: any scalar value outside the surrogate range.
    private static readonly Gen<string> ValidText =
        Gen.Int[0, 0x10FFFF - 0x800]
            .Select(v => new Rune(v < 0xD800 ? v : v + 0x800).ToString())
            .Array[0, 40]
            .Select(string.Concat);

    // Mostly the characters that matter (ASCII incl. controls, %, space) plus arbitrary UTF-16 units.
    private static readonly Gen<string> AnyText =
        Gen.OneOf(Gen.Char[(char)0, (char)127], Gen.Char).Array[0, 40].Select(chars => new string(chars));

    [Fact]
    public void Valid_text_round_trips_exactly()
    {
        ValidText.Sample(text => Assert.Equal(text, UrlEncoding.Decode(UrlEncoding.Encode(text))));
    }

    [Fact]
    public void Any_string_round_trips_to_its_utf8_form()
    {
        // Lone surrogates cannot survive UTF-8; everything else must come back unchanged.
        AnyText.Sample(text =>
            Assert.Equal(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)), UrlEncoding.Decode(UrlEncoding.Encode(text))));
    }

    [Fact]
    public void Any_bytes_round_trip()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var encoded = new byte[UrlEncoding.EncodedLength(bytes)];
            Assert.True(UrlEncoding.TryEncode(bytes, encoded, out int written));
            Assert.Equal(encoded.Length, written);
            var decoded = new byte[UrlEncoding.DecodedLength(encoded)];
            Assert.True(UrlEncoding.TryDecode(encoded, decoded, out int n));
            Assert.Equal(bytes, decoded[..n]);
        });
    }

    [Fact]
    public void Encoded_output_is_a_safe_single_token()
    {
        AnyText.Sample(text =>
        {
            string encoded = UrlEncoding.Encode(text);
            Assert.Equal(encoded.Length, UrlEncoding.EncodedLength(text));
            for (int i = 0; i < encoded.Length; i++)
            {
                char c = encoded[i];
                Assert.InRange(c, '!', '~'); // no space, CR, LF, controls or non-ASCII
                if (c == '%')
                {
                    Assert.True(i + 2 < encoded.Length && Uri.IsHexDigit(encoded[i + 1]) && Uri.IsHexDigit(encoded[i + 2]), encoded);
                    Assert.False(char.IsLower(encoded[i + 1]) || char.IsLower(encoded[i + 2]), encoded);
                }
            }
        });
    }

    [Fact]
    public void Decoding_arbitrary_text_never_throws_and_never_grows()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            Assert.True(UrlEncoding.DecodedLength(bytes) <= bytes.Length);
            _ = UrlEncoding.Decode(bytes);
        });
    }
}
