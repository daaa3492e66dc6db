using Msnp.Protocol.Auth.Passport;

namespace Msnp.Protocol.Tests.Auth.Passport;

public class PassportAuthorizationTests
{
    private const string Challenge =
        "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619";

    [Fact]
    public void Builds_the_documented_header()
    {
        var auth = new PassportAuthorization("alice@example.com", "p@ss w,rd", Challenge);
        Assert.Equal(
            "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40example.com,pwd=p%40ss%20w%2Crd," + Challenge,
            auth.ToHeaderValue());
        Assert.Equal("Authorization", PassportAuthorization.HeaderName);
    }

    [Fact]
    public void Parses_what_it_builds()
    {
        var built = new PassportAuthorization("bob@example.com", "a,b=c&d'é%", Challenge);
        Assert.True(PassportAuthorization.TryParse(built.ToHeaderValue(), out var parsed));
        Assert.Equal("bob@example.com", parsed.SignIn);
        Assert.Equal("a,b=c&d'é%", parsed.Password);
        Assert.Equal(Challenge, parsed.Challenge);
        Assert.Equal("GET", parsed.OrgVerb);
        Assert.Equal(PassportAuthorization.DefaultEncodedOrgUrl, parsed.EncodedOrgUrl);
    }

    [Fact]
    public void Parses_a_header_as_the_official_client_sent_it()
    {
        string value = "Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in=alice%40hotmail.com,pwd=secret," + Challenge;
        Assert.True(PassportAuthorization.TryParse(value, out var auth));
        Assert.Equal("alice@hotmail.com", auth.SignIn);
        Assert.Equal("secret", auth.Password);
        Assert.Equal(Challenge, auth.Challenge);
    }

    [Fact]
    public void Field_order_case_and_spacing_are_tolerated()
    {
        string value = "  passport1.4   sign-in=a%40b.com, PWD=x ,orgverb=GET,lc=1033,id=507  ";
        Assert.True(PassportAuthorization.TryParse(value, out var auth));
        Assert.Equal("a@b.com", auth.SignIn);
        Assert.Equal("x", auth.Password);
        Assert.Equal("GET", auth.OrgVerb);
        Assert.Null(auth.EncodedOrgUrl);
        Assert.Equal("lc=1033,id=507", auth.Challenge);
    }

    [Fact]
    public void An_opaque_challenge_is_kept_verbatim()
    {
        var built = new PassportAuthorization("a@b.com", "pw", "opaque-string-from-a-revival-server");
        Assert.True(PassportAuthorization.TryParse(built.ToHeaderValue(), out var parsed));
        Assert.Equal("opaque-string-from-a-revival-server", parsed.Challenge);

        var noChallenge = new PassportAuthorization("a@b.com", "pw", "");
        Assert.EndsWith("pwd=pw", noChallenge.ToHeaderValue(), StringComparison.Ordinal);
        Assert.True(PassportAuthorization.TryParse(noChallenge.ToHeaderValue(), out parsed));
        Assert.Equal("", parsed.Challenge);
    }

    [Fact]
    public void A_repeated_known_key_starts_the_challenge()
    {
        Assert.True(PassportAuthorization.TryParse("Passport1.4 sign-in=a,pwd=b,pwd=c,lc=1", out var auth));
        Assert.Equal("b", auth.Password);
        Assert.Equal("pwd=c,lc=1", auth.Challenge);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Passport1.4")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Passport1.4OrgVerb=GET,sign-in=a,pwd=b")]
    [InlineData("Passport1.4 OrgVerb=GET,OrgURL=x,pwd=b,lc=1")]
    [InlineData("Passport1.4 OrgVerb=GET,OrgURL=x,sign-in=a,lc=1")]
    [InlineData("Passport1.4 lc=1033,sign-in=a,pwd=b")]
    [InlineData("Passport1.4 sign-in=a,pwd=b,lc=1\r\nX-Injected: 1")]
    [InlineData("Passport1.4 Passport1.4 sign-in=a,pwd=b")]
    public void Refuses_malformed_headers(string value)
    {
        Assert.False(PassportAuthorization.TryParse(value, out var auth));
        Assert.Null(auth);
    }

    [Fact]
    public void Refuses_oversize_headers()
    {
        string value = "Passport1.4 sign-in=a,pwd=" + new string('x', PassportLimits.MaxHeaderLength);
        Assert.False(PassportAuthorization.TryParse(value, out _));
    }

    [Fact]
    public void Building_refuses_header_injection()
    {
        Assert.Throws<ArgumentException>(() => new PassportAuthorization("a@b.com", "pw", "lc=1\r\nX: y"));
        Assert.Throws<ArgumentException>(() => new PassportAuthorization("a@b.com", "pw", "lc=1", orgVerb: "GET,x"));

        // Control characters in the account or password are simply URL-encoded.
        var auth = new PassportAuthorization("a@b.com", "p\r\nw", "lc=1");
        Assert.Contains("pwd=p%0D%0Aw,", auth.ToHeaderValue(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_password()
    {
        var auth = new PassportAuthorization("a@b.com", "hunter2", "lc=1");
        Assert.DoesNotContain("hunter2", auth.ToString(), StringComparison.Ordinal);
        Assert.Contains("a@b.com", auth.ToString(), StringComparison.Ordinal);
    }
}
