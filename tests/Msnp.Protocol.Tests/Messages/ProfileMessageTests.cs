using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class ProfileMessageTests
{
    // Shaped like the documented MSNP8 profile (fields in the documented order; values invented).
    private const string Sample =
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/x-msmsgsprofile; charset=UTF-8\r\n" +
        "LoginTime: 1050223062\r\n" +
        "EmailEnabled: 0\r\n" +
        "MemberIdHigh: 85040\r\n" +
        "MemberIdLow: -517030579\r\n" +
        "lang_preference: 1033\r\n" +
        "preferredEmail: alice@example.com\r\n" +
        "country: US\r\n" +
        "PostalCode: 90201\r\n" +
        "Gender: f\r\n" +
        "Kid: 0\r\n" +
        "Age: \r\n" +
        "BDayPre: 5\r\n" +
        "Birthday: 0\r\n" +
        "Wallet: 0\r\n" +
        "Flags: 1027\r\n" +
        "sid: 507\r\n" +
        "kv: 4\r\n" +
        "MSPAuth: 7abcDEF!gh$$\r\n" +
        "ClientIP: 203.0.113.9\r\n" +
        "ClientPort: 18183\r\n" +
        "\r\n";

    [Fact]
    public void Parses_the_profile_and_rebuilds_it_exactly()
    {
        var message = MimeMessage.Parse(Wire.Bytes(Sample));

        Assert.Equal(MessageKind.Profile, message.Kind);
        Assert.True(ProfileMessage.TryParse(message, out var profile));
        Assert.Equal(1050223062, profile.LoginTime);
        Assert.Equal(new DateTimeOffset(2003, 4, 13, 8, 37, 42, TimeSpan.Zero), profile.LoginTimeUtc);
        Assert.Equal("7abcDEF!gh$$", profile.MspAuth);
        Assert.Equal("507", profile.Sid);
        Assert.Equal("4", profile.Kv);
        Assert.Equal("203.0.113.9", profile.ClientIP);
        Assert.Equal(18183, profile.ClientPortValue);
        Assert.Equal(1863, profile.ClientPort);
        Assert.Equal("", profile["Age"]);
        Assert.Equal("-517030579", profile["memberidlow"]);
        Assert.Equal(20, profile.Fields.Count);
        Assert.Equal(Wire.Bytes(Sample), profile.ToBytes());
    }

    [Fact]
    public void The_builder_writes_fields_in_order_with_the_port_swapped()
    {
        var profile = new ProfileMessageBuilder()
            .LoginTime(DateTimeOffset.FromUnixTimeSeconds(1050223062))
            .Add("EmailEnabled", "0")
            .Sid("507")
            .Kv("4")
            .MspAuth("token")
            .ClientIP("198.51.100.7")
            .ClientPort(1026)
            .Build();

        Assert.Equal(
            Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1050223062\r\nEmailEnabled: 0\r\nsid: 507\r\nkv: 4\r\nMSPAuth: token\r\nClientIP: 198.51.100.7\r\nClientPort: 516\r\n\r\n"),
            profile.ToBytes());
        Assert.Equal(1026, profile.ClientPort);
    }

    [Theory]
    [InlineData(1863, 18183)]
    [InlineData(1026, 516)]
    [InlineData(0, 0)]
    [InlineData(0x0100, 0x0001)]
    [InlineData(65535, 65535)]
    public void Client_port_is_byte_swapped(int port, int written)
    {
        Assert.Equal(written, ProfilePort.Encode(port));
        Assert.Equal(port, ProfilePort.Decode(written));
    }

    [Fact]
    public void Out_of_range_ports_are_refused_or_unknown()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfilePort.Encode(65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfilePort.Encode(-1));
        Assert.Null(ProfilePort.Decode(70000));
    }

    [Fact]
    public void Missing_or_odd_fields_give_null()
    {
        var message = MimeMessage.Parse(Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: soon\r\nClientPort: 516.\r\n\r\n"));

        Assert.True(ProfileMessage.TryParse(message, out var profile));
        Assert.Null(profile.LoginTime);
        Assert.Null(profile.LoginTimeUtc);
        Assert.Null(profile.ClientPort);
        Assert.Null(profile.MspAuth);
    }

    [Fact]
    public void Other_types_are_not_profiles()
    {
        Assert.False(ProfileMessage.TryParse(MimeMessage.Parse(Wire.Bytes("Content-Type: text/plain\r\n\r\n")), out _));
    }
}
