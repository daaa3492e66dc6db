using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects.Model;

public class PresenceStatusesTests
{
    [Theory]
    [InlineData(PresenceStatus.Online, "NLN")]
    [InlineData(PresenceStatus.Busy, "BSY")]
    [InlineData(PresenceStatus.Idle, "IDL")]
    [InlineData(PresenceStatus.BeRightBack, "BRB")]
    [InlineData(PresenceStatus.Away, "AWY")]
    [InlineData(PresenceStatus.OnThePhone, "PHN")]
    [InlineData(PresenceStatus.OutToLunch, "LUN")]
    [InlineData(PresenceStatus.Hidden, "HDN")]
    [InlineData(PresenceStatus.Offline, "FLN")]
    public void Wire_names_round_trip(PresenceStatus status, string wire)
    {
        Assert.Equal(wire, status.WireName());
        Assert.True(PresenceStatuses.TryParse(wire, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("nln")]
    [InlineData("Nln")]
    [InlineData("NL")]
    [InlineData("NLNX")]
    [InlineData("")]
    [InlineData("XYZ")]
    public void Parsing_is_case_sensitive_and_exact(string token) =>
        Assert.False(PresenceStatuses.TryParse(token, out _));

    [Fact]
    public void Offline_cannot_be_set()
    {
        Assert.False(PresenceStatus.Offline.IsSettable());
        Assert.False(PresenceStatuses.TryParseSettable("FLN", out _));
        Assert.True(PresenceStatuses.TryParseSettable("HDN", out var hidden));
        Assert.Equal(PresenceStatus.Hidden, hidden);
        Assert.All(Enum.GetValues<PresenceStatus>().Where(s => s != PresenceStatus.Offline), s => Assert.True(s.IsSettable()));
    }

    [Fact]
    public void An_undefined_value_has_no_wire_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((PresenceStatus)42).WireName());
}
