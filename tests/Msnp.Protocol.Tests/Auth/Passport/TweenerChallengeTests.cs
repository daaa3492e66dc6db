using Msnp.Protocol.Auth.Passport;

namespace Msnp.Protocol.Tests.Auth.Passport;

public class TweenerChallengeTests
{
    private const string Official =
        "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619";

    [Fact]
    public void Builds_the_official_challenge()
    {
        var challenge = TweenerChallenge.CreateDefault(1062764229, "43f8a4c8ed940c04e3740be46c4d1619");
        Assert.Equal(Official, challenge.Text);
        Assert.Equal(Official, challenge.ToString());
    }

    [Fact]
    public void Parses_fields_in_order()
    {
        Assert.True(TweenerChallenge.TryParse(Official, out var challenge));
        Assert.Equal(["lc", "id", "tw", "fs", "ru", "ct", "kpp", "kv", "ver", "tpf"], challenge.Fields.Select(f => f.Key));
        Assert.Equal("1062764229", challenge["ct"]);
        Assert.Equal("http%3A%2F%2Fmessenger%2Emsn%2Ecom", challenge["ru"]);
        Assert.Equal("2.1.0173.1", challenge["ver"]);
        Assert.Null(challenge["missing"]);
        Assert.Equal(Official, challenge.Text);
    }

    [Fact]
    public void Keeps_the_received_text_verbatim()
    {
        const string odd = "lc=1033,,id=507,";
        Assert.True(TweenerChallenge.TryParse(odd, out var challenge));
        Assert.Equal(odd, challenge.Text);
        Assert.Equal(2, challenge.Fields.Count);
    }

    [Fact]
    public void Accepts_an_opaque_revival_server_string()
    {
        Assert.True(TweenerChallenge.TryParse("ct=1,rver=5.5.4177.0,wp=FS_40SEC_0_COMPACT", out var a));
        Assert.Equal("FS_40SEC_0_COMPACT", a["wp"]);
        Assert.True(TweenerChallenge.TryParse("0123456789abcdef", out var b));
        Assert.Single(b.Fields);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lc=1033 id=507")]
    [InlineData("lc=1033\r\n")]
    [InlineData("=1033")]
    public void Refuses_what_cannot_be_one_token(string text)
    {
        Assert.False(TweenerChallenge.TryParse(text, out _));
    }

    [Fact]
    public void Building_refuses_fields_that_would_not_parse_back()
    {
        Assert.Throws<ArgumentException>(() => TweenerChallenge.Create([new("a b", "1")]));
        Assert.Throws<ArgumentException>(() => TweenerChallenge.Create([new("a", "1,2")]));
        Assert.Throws<ArgumentException>(() => TweenerChallenge.Create([new("a", "x y")]));
        Assert.Throws<ArgumentException>(() => TweenerChallenge.Create([]));
    }
}
