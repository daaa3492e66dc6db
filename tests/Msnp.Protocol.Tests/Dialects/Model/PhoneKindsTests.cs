using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects.Model;

public class PhoneKindsTests
{
    [Theory]
    [InlineData(PhoneKind.Home, "PHH")]
    [InlineData(PhoneKind.Work, "PHW")]
    [InlineData(PhoneKind.Mobile, "PHM")]
    [InlineData(PhoneKind.MobilePaging, "MOB")]
    [InlineData(PhoneKind.MobileDevice, "MBE")]
    [InlineData(PhoneKind.MsnDirect, "WWE")]
    public void Wire_names_round_trip(PhoneKind kind, string wire)
    {
        Assert.Equal(wire, kind.WireName());
        Assert.True(PhoneKinds.TryParse(wire, out var parsed));
        Assert.Equal(kind, parsed);
    }

    // A lower-case or unknown type is answered with 715, so it must not parse.
    [Theory]
    [InlineData("phh")]
    [InlineData("PH")]
    [InlineData("MFN")]
    public void Unknown_or_lower_case_types_fail(string token) => Assert.False(PhoneKinds.TryParse(token, out _));
}
