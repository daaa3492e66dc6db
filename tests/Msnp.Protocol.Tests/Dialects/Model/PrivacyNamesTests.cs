using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects.Model;

public class PrivacyNamesTests
{
    [Theory]
    [InlineData(ReverseListPrompt.Ask, "A")]
    [InlineData(ReverseListPrompt.DoNotAsk, "N")]
    public void Gtc_values_round_trip(ReverseListPrompt prompt, string wire)
    {
        Assert.Equal(wire, prompt.WireName());
        Assert.True(PrivacyNames.TryParse(wire, out ReverseListPrompt parsed));
        Assert.Equal(prompt, parsed);
    }

    [Theory]
    [InlineData(DefaultPrivacy.Allow, "AL")]
    [InlineData(DefaultPrivacy.Block, "BL")]
    public void Blp_values_round_trip(DefaultPrivacy privacy, string wire)
    {
        Assert.Equal(wire, privacy.WireName());
        Assert.True(PrivacyNames.TryParse(wire, out DefaultPrivacy parsed));
        Assert.Equal(privacy, parsed);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Y")]
    [InlineData("AL")]
    [InlineData("")]
    public void Invalid_gtc_values_fail(string token) => Assert.False(PrivacyNames.TryParse(token, out ReverseListPrompt _));

    [Theory]
    [InlineData("FL")]
    [InlineData("al")]
    [InlineData("A")]
    [InlineData("")]
    public void Invalid_blp_values_fail(string token) => Assert.False(PrivacyNames.TryParse(token, out DefaultPrivacy _));
}
