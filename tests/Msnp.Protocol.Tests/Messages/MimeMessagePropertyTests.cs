using CsCheck;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class MimeMessagePropertyTests
{
    private static readonly Gen<string> Name =
        Gen.String[Gen.Char["ABCXYZabcxyz0189-_.!~{}"], 1, 16];

    // Values may hold anything except CR and LF (and lone surrogates, which UTF-8 cannot carry):
    // spaces at either end, colons, tabs, NUL, and multi-byte characters.
    private static readonly Gen<string> Value =
        Gen.String[Gen.Char[" \t\0:;=%abcXYZ019éß日本語\u07FF\uFFFD"], 0, 24];

    private static readonly Gen<MimeHeader[]> Headers =
        Gen.Select(Name, Value, (n, v) => new MimeHeader(n, v)).Array[0, 12];

    private static readonly Gen<byte[]> Body = Gen.Byte.Array[0, 300];

    [Fact]
    public void Random_headers_and_body_bytes_round_trip()
    {
        Gen.Select(Headers, Body).Sample((headers, body) =>
        {
            var built = new MimeMessage(headers, body).ToBytes();

            Assert.True(MimeMessage.TryParse(built.AsMemory(), out var parsed, out var error), error.ToString());
            Assert.Equal(headers, parsed.Headers);
            Assert.Equal(body, parsed.Body.ToArray());
            Assert.Equal(built, parsed.ToBytes());
        });
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_what_parses_rebuilds_stably()
    {
        var chunk = Gen.OneOf(
            Gen.Byte.Array[0, 8],
            Gen.Const(Wire.Bytes("\r\n")),
            Gen.Const(Wire.Bytes("\n")),
            Gen.Const(Wire.Bytes(": ")),
            Gen.Const(Wire.Bytes("Content-Type")));
        var payload = chunk.Array[0, 40].Select(parts => parts.SelectMany(p => p).ToArray());

        payload.Sample(bytes =>
        {
            if (MimeMessage.TryParse(bytes.AsMemory(), new MimeLimits { MaxHeaders = 8, MaxHeaderLineLength = 40 }, out var message, out _))
            {
                var again = MimeMessage.Parse(message.ToBytes());
                Assert.Equal(message.Headers, again.Headers);
                Assert.Equal(message.Body.ToArray(), again.Body.ToArray());
                _ = message.Kind;
            }
        });
    }
}
