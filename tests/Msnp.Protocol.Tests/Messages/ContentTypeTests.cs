using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class ContentTypeTests
{
    [Theory]
    [InlineData("text/plain; charset=UTF-8", "text/plain", "UTF-8")]
    [InlineData("text/plain;charset=UTF-8", "text/plain", "UTF-8")]
    [InlineData("  Text/Plain ;  CharSet = \"utf-8\" ", "text/plain", "utf-8")]
    [InlineData("text/x-msmsgscontrol", "text/x-msmsgscontrol", null)]
    [InlineData("application/x-msmsgssystemmessage;;", "application/x-msmsgssystemmessage", null)]
    [InlineData("", "", null)]
    [InlineData(null, "", null)]
    [InlineData(";;;=", "", null)]
    public void Parses_media_type_and_charset_forgivingly(string? value, string mediaType, string? charset)
    {
        var type = ContentType.Parse(value);

        Assert.Equal(mediaType, type.MediaType);
        Assert.Equal(charset, type.Charset);
    }

    [Fact]
    public void Writes_the_official_spacing()
    {
        var type = ContentType.Parse("TEXT/X-MSMSGSINVITE;charset=UTF-8");

        Assert.Equal("text/x-msmsgsinvite; charset=UTF-8", type.ToString());
        Assert.True(type.IsUtf8);
        Assert.True(type.Is(ContentTypes.Invitation));
    }

    [Fact]
    public void Keeps_all_parameters_in_order()
    {
        var type = ContentType.Parse("a/b; x=1; flag; charset=ISO-8859-1");

        Assert.Equal(["x", "flag", "charset"], type.Parameters.Select(p => p.Key));
        Assert.Equal("ISO-8859-1", type.GetParameter("CHARSET"));
        Assert.False(type.IsUtf8);
    }
}
