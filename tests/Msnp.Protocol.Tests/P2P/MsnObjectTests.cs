using System.Security.Cryptography;
using System.Text;
using Msnp.Protocol.P2P;

namespace Msnp.Protocol.Tests.P2P;

public sealed class MsnObjectTests
{
    [Fact]
    public void Created_objects_carry_sha1d_and_sha1c_as_pidgin_computes_them()
    {
        var data = Encoding.ASCII.GetBytes("picture bytes");

        var obj = MsnObject.Create("alice@x.com", data);

        // object.c msn_object_new_from_image: SHA1D = base64(SHA1(data)); SHA1C over the fields.
        var sha1d = Convert.ToBase64String(SHA1.HashData(data));
        var sha1c = Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes($"Creatoralice@x.comSize13Type3LocationTFR2C2.tmpFriendlyAAA=SHA1D{sha1d}")));
        Assert.Equal($"<msnobj Creator=\"alice@x.com\" Size=\"13\" Type=\"3\" Location=\"TFR2C2.tmp\" Friendly=\"AAA=\" SHA1D=\"{sha1d}\" SHA1C=\"{sha1c}\"/>", obj.ToString());
        Assert.True(obj.HasValidSha1C);
        Assert.True(obj.Describes(data));
        Assert.False(obj.Describes(Encoding.ASCII.GetBytes("picture bytez")));
    }

    [Fact]
    public void Parsing_round_trips_and_detects_tampering()
    {
        var obj = MsnObject.Create("alice@x.com", new byte[] { 1, 2, 3 });

        Assert.True(MsnObject.TryParse(obj.ToString(), out var parsed, out var error), error);
        Assert.Equal(obj, parsed);

        var tampered = obj.ToString().Replace("Size=\"3\"", "Size=\"4\"", StringComparison.Ordinal);
        Assert.True(MsnObject.TryParse(tampered, out var changed, out _));
        Assert.False(changed.HasValidSha1C);
    }

    [Theory]
    [InlineData("Creator")]
    [InlineData("Size")]
    [InlineData("Type")]
    [InlineData("Location")]
    [InlineData("Friendly")]
    [InlineData("SHA1D")]
    public void An_object_lacking_a_required_field_is_dropped(string field)
    {
        var text = MsnObject.Create("alice@x.com", new byte[] { 1 }).ToString();
        var start = text.IndexOf(" " + field + "=\"", StringComparison.Ordinal);
        var end = text.IndexOf('"', start + field.Length + 3);
        var without = text.Remove(start, end - start + 1);

        Assert.False(MsnObject.TryParse(without, out _, out var error));
        Assert.Contains("lacks one of", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<msnobj")]
    [InlineData("<other Creator=\"a\"/>")]
    [InlineData("<msnobj Creator=\"a/>")]
    public void Malformed_text_is_refused(string text) => Assert.False(MsnObject.TryParse(text, out _, out _));

    [Fact]
    public void A_file_context_round_trips_in_pidgins_574_byte_layout()
    {
        var context = new P2PFileContext("naïve.txt", 123456789);

        var bytes = context.ToBytes();

        Assert.Equal(574, bytes.Length);
        Assert.True(P2PFileContext.TryParse(bytes, out var parsed, out var error), error);
        Assert.Equal(context, parsed);
        Assert.False(P2PFileContext.TryParse(bytes.AsSpan(0, 573), out _, out _));
        bytes[4] = 7;
        Assert.False(P2PFileContext.TryParse(bytes, out _, out _));
    }
}
