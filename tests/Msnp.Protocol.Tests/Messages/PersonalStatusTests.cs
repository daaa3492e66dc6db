using System.Text;
using CsCheck;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class PersonalStatusTests
{
    [Fact]
    public void Reads_what_MSN_7_5_sends()
    {
        var payload = "<Data><PSM>at work &amp; busy</PSM><CurrentMedia>\\0Music\\01\\0{0} - {1}\\0Song\\0Artist\\0\\0</CurrentMedia><MachineGuid>{F26D1F07-95E2-403C-BC18-D4BFED493428}</MachineGuid></Data>"u8;

        Assert.True(PersonalStatus.TryParse(payload, out var status, out var error));

        Assert.Equal(PersonalStatusError.None, error);
        Assert.Equal("at work & busy", status.PersonalMessage);
        Assert.Equal("\\0Music\\01\\0{0} - {1}\\0Song\\0Artist\\0\\0", status.CurrentMedia);
        Assert.Equal("{F26D1F07-95E2-403C-BC18-D4BFED493428}", status.MachineGuid);
    }

    [Fact]
    public void Writes_the_UBX_document_without_the_machine_guid()
    {
        var status = new PersonalStatus("a<b>&c", string.Empty) { MachineGuid = "{x}" };

        Assert.Equal("<Data><PSM>a&lt;b&gt;&amp;c</PSM><CurrentMedia></CurrentMedia></Data>", Encoding.UTF8.GetString(status.ToBytes()));
        Assert.EndsWith("<MachineGuid>{x}</MachineGuid></Data>", Encoding.UTF8.GetString(status.ToBytes(includeMachineGuid: true)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "")]
    [InlineData("<Data/>", "", "")]
    [InlineData("<Data><PSM/><CurrentMedia/></Data>", "", "")]
    [InlineData("<?xml version=\"1.0\"?><Data><PSM>x</PSM></Data>", "x", "")]
    [InlineData("<Data><PSM><![CDATA[<b>]]></PSM><Extra><Deep>ignored</Deep></Extra></Data>", "<b>", "")]
    [InlineData("<Data><PSM>first</PSM><PSM>second</PSM></Data>", "first", "")]
    public void Reads_well_formed_variants(string xml, string psm, string media)
    {
        Assert.True(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(xml), out var status, out _));
        Assert.Equal(psm, status.PersonalMessage);
        Assert.Equal(media, status.CurrentMedia);
    }

    [Theory]
    [InlineData("<Data><PSM>x</PSM>", PersonalStatusError.Malformed)]
    [InlineData("not xml", PersonalStatusError.Malformed)]
    [InlineData("<!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><Data><PSM>&b;</PSM></Data>", PersonalStatusError.Malformed)]
    [InlineData("<!DOCTYPE d SYSTEM \"file:///etc/passwd\"><Data/>", PersonalStatusError.Malformed)]
    [InlineData("<Data><PSM>&xxe;</PSM></Data>", PersonalStatusError.Malformed)]
    [InlineData("<Root><PSM>x</PSM></Root>", PersonalStatusError.WrongRoot)]
    [InlineData("<x:Data xmlns:x=\"urn:a\"/>", PersonalStatusError.WrongRoot)]
    [InlineData("<Data><a><b><c><d><e>deep</e></d></c></b></a></Data>", PersonalStatusError.TooDeep)]
    [InlineData("<Data><PSM><b>bold</b></PSM></Data>", PersonalStatusError.BadField)]
    public void Refuses_hostile_or_malformed_documents(string xml, PersonalStatusError expected)
    {
        Assert.False(PersonalStatus.TryParse(Encoding.UTF8.GetBytes(xml), out var status, out var error));
        Assert.Null(status);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Refuses_oversized_payloads_and_fields()
    {
        var big = Encoding.UTF8.GetBytes("<Data><PSM>" + new string('a', 9000) + "</PSM></Data>");
        Assert.False(PersonalStatus.TryParse(big, out _, out var error));
        Assert.Equal(PersonalStatusError.TooLarge, error);

        var limits = new PersonalStatusLimits { MaxPayloadBytes = 4096, MaxFieldLength = 10 };
        Assert.False(PersonalStatus.TryParse(Encoding.UTF8.GetBytes("<Data><PSM>12345678901</PSM></Data>"), limits, out _, out error));
        Assert.Equal(PersonalStatusError.BadField, error);
        Assert.True(PersonalStatus.TryParse(Encoding.UTF8.GetBytes("<Data><PSM>1234567890</PSM></Data>"), limits, out _, out _));
    }

    [Fact]
    public void Refuses_invalid_UTF8()
    {
        Assert.False(PersonalStatus.TryParse([(byte)'<', 0xC3, 0x28, (byte)'>'], out _, out var error));
        Assert.Equal(PersonalStatusError.Malformed, error);
    }

    [Fact]
    public void Writing_refuses_characters_XML_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => new PersonalStatus("bell\u0007", string.Empty).ToBytes());
        Assert.Throws<ArgumentException>(() => new PersonalStatus(string.Empty, "lone\uD800").ToBytes());
    }

    private static readonly Gen<string> XmlText =
        Gen.Frequency(
            (6, Gen.Char['\u0020', '\u007E']),
            (1, Gen.OneOf('\t', '\n', '\r', '&', '<', '>', '"', '\'', ']')),
            (1, Gen.Char['\u00A0', '\uD7FF']))
        .Array[0, 200].Select(c => new string(c));

    [Fact]
    public void Every_valid_status_survives_a_write_and_read()
    {
        Gen.Select(XmlText, XmlText).Sample((psm, media) =>
        {
            var status = new PersonalStatus(psm, media);

            Assert.True(PersonalStatus.TryParse(status.ToBytes(), out var read, out var error), error.ToString());
            Assert.Equal(psm, read.PersonalMessage);
            Assert.Equal(media, read.CurrentMedia);
        });
    }

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        var fragments = Gen.OneOf("<Data>", "</Data>", "<PSM>", "</PSM>", "<!DOCTYPE x>", "&amp;", "&#0;", "<![CDATA[", "]]>", "<a>", "\u00e9", "\r\n", "x");
        var structured = fragments.Array[0, 40].Select(f => Encoding.UTF8.GetBytes(string.Concat(f)));
        Gen.OneOf(structured, Gen.Byte.Array[0, 300]).Sample(bytes =>
        {
            bool ok = PersonalStatus.TryParse(bytes, out var status, out var error);
            Assert.Equal(ok, status is not null);
            Assert.Equal(ok, error == PersonalStatusError.None);
        });
    }
}
