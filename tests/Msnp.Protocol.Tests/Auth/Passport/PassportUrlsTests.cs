using Msnp.Protocol.Auth.Passport;

namespace Msnp.Protocol.Tests.Auth.Passport;

public class PassportUrlsTests
{
    private const string Nexus =
        "DARealm=Passport.Net,DALogin=login.passport.com/login2.srf,DAReg=http://register.passport.net/uixpwiz.srf,Properties=https://register.passport.net/editprof.srf,Privacy=http://www.passport.com/consumer/privacypolicy.asp,GeneralRedir=http://nexusrdr.passport.com/redir.asp,Help=http://memberservices.passport.net/memberservice.srf,ConfigVersion=11";

    [Fact]
    public void Parses_a_nexus_header_and_keeps_extra_fields()
    {
        Assert.True(PassportUrls.TryParse(Nexus, out var urls));
        Assert.Equal("Passport.Net", urls.DaRealm);
        Assert.Equal("login.passport.com/login2.srf", urls.DaLogin);
        Assert.Equal("http://register.passport.net/uixpwiz.srf", urls.DaReg);
        Assert.Equal("https://register.passport.net/editprof.srf", urls.Properties);
        Assert.Equal(11, urls.ConfigVersion);
        Assert.Equal(new Uri("https://login.passport.com/login2.srf"), urls.LoginUri);
        Assert.Equal("http://nexusrdr.passport.com/redir.asp", urls.Fields.GetValue("GeneralRedir"));
        Assert.Equal(Nexus, urls.ToHeaderValue());
    }

    [Fact]
    public void Builds_in_the_official_order()
    {
        var urls = PassportUrls.Create("login.example.net/login2.srf", configVersion: 3);
        Assert.Equal("DARealm=Passport.Net,DALogin=login.example.net/login2.srf,ConfigVersion=3", urls.ToHeaderValue());
        Assert.Equal("PassportURLs", PassportUrls.HeaderName);

        var full = PassportUrls.Create("l.example.net/a", "Realm", "http://r.example.net/", "http://p.example.net/", 1);
        Assert.True(PassportUrls.TryParse(full.ToHeaderValue(), out var parsed));
        Assert.Equal("Realm", parsed.DaRealm);
        Assert.Equal("http://r.example.net/", parsed.DaReg);
        Assert.Equal("http://p.example.net/", parsed.Properties);
        Assert.Equal(1, parsed.ConfigVersion);
    }

    [Theory]
    [InlineData("login.passport.com/login2.srf", "https://login.passport.com/login2.srf")]
    [InlineData("localhost:8443/login2.srf", "https://localhost:8443/login2.srf")]
    [InlineData("https://login.example.net/x", "https://login.example.net/x")]
    [InlineData("http://127.0.0.1/x", "http://127.0.0.1/x")]
    public void Makes_an_https_login_url(string daLogin, string expected)
    {
        Assert.True(PassportUrls.TryMakeHttpsUri(daLogin, out var uri));
        Assert.Equal(new Uri(expected), uri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://example.net/x")]
    [InlineData("/login2.srf")]
    public void Refuses_unusable_login_urls(string daLogin)
    {
        Assert.False(PassportUrls.TryMakeHttpsUri(daLogin, out var uri));
        Assert.Null(uri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DARealm=Passport.Net")]
    [InlineData("DARealm=Passport.Net,DALogin=")]
    [InlineData("DALogin=a\nb")]
    public void Refuses_a_header_without_a_login_url(string value)
    {
        Assert.False(PassportUrls.TryParse(value, out _));
    }

    [Fact]
    public void A_non_numeric_config_version_is_ignored_not_fatal()
    {
        Assert.True(PassportUrls.TryParse("DALogin=l.example.net/x,ConfigVersion=abc", out var urls));
        Assert.Null(urls.ConfigVersion);
        Assert.Equal("abc", urls.Fields.GetValue("configversion"));
    }
}
