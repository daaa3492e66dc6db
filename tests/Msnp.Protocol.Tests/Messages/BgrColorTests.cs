using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class BgrColorTests
{
    [Theory]
    [InlineData("ff0000", 0, 0, 255)]
    [InlineData("ff", 255, 0, 0)]
    [InlineData("FF00", 0, 255, 0)]
    [InlineData("0", 0, 0, 0)]
    [InlineData("563412", 0x12, 0x34, 0x56)]
    public void Co_values_are_blue_green_red(string co, int red, int green, int blue)
    {
        Assert.True(BgrColor.TryParse(co, out var color));
        Assert.Equal((red, green, blue), (color.Red, color.Green, color.Blue));
        Assert.Equal(co.ToLowerInvariant(), color.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1234567")]
    [InlineData("xyz")]
    [InlineData("-1")]
    public void Rejects_what_is_not_one_to_six_hex_digits(string? co)
    {
        Assert.False(BgrColor.TryParse(co, out _));
    }

    [Fact]
    public void Converts_to_and_from_html_rgb()
    {
        Assert.True(BgrColor.TryFromRgbHex("#0000ff", out var blue));
        Assert.Equal("ff0000", blue.ToString());
        Assert.Equal("0000ff", blue.ToRgbHex());
        Assert.Equal("ff", BgrColor.FromRgb(255, 0, 0).ToString());
        Assert.Equal("ff0000", BgrColor.FromRgb(255, 0, 0).ToRgbHex());
        Assert.False(BgrColor.TryFromRgbHex("#12345678", out _));
    }
}
