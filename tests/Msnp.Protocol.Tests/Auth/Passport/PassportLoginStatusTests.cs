using Msnp.Protocol.Auth.Passport;

namespace Msnp.Protocol.Tests.Auth.Passport;

public class PassportLoginStatusTests
{
    [Fact]
    public void Parses_a_success_and_strips_the_ticket_quotes()
    {
        const string value = "Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVrpb&p=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVrpb',ru=http://messenger.msn.com";
        Assert.True(PassportLoginStatus.TryParse(value, out var status));
        Assert.Equal(PassportDaStatus.Success, status.Status);
        Assert.Equal("t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVrpb&p=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVrpb", status.Ticket);
        Assert.Equal("http://messenger.msn.com", status.ReturnUrl);
        Assert.Equal(["MSPAuth", "MSPProf", "MSPSec"], status.Fields.GetValues("tname"));
        Assert.Equal(PassportLoginStatus.AuthenticationInfoHeader, status.HeaderName);
    }

    [Fact]
    public void Builds_a_success_like_the_official_server()
    {
        var status = PassportLoginStatus.Success(new PassportTicket("abc", "def"));
        Assert.Equal(
            "Passport1.4 da-status=success,tname=MSPAuth,tname=MSPProf,tname=MSPSec,from-PP='t=abc&p=def',ru=http://messenger.msn.com",
            status.ToHeaderValue());
        Assert.True(PassportLoginStatus.TryParse(status.ToHeaderValue(), out var parsed));
        Assert.Equal("t=abc&p=def", parsed.Ticket);
    }

    [Fact]
    public void A_quoted_ticket_may_hold_commas()
    {
        Assert.True(PassportLoginStatus.TryParse("Passport1.4 da-status=success,from-PP='t=a,b&p=c',ru=x", out var status));
        Assert.Equal("t=a,b&p=c", status.Ticket);
        Assert.Equal("x", status.ReturnUrl);
    }

    [Fact]
    public void Parses_and_builds_a_redirect()
    {
        Assert.True(PassportLoginStatus.TryParse("Passport1.4 da-status=redir", out var status));
        Assert.Equal(PassportDaStatus.Redirect, status.Status);
        Assert.Null(status.Ticket);
        Assert.Equal("Passport1.4 da-status=redir", PassportLoginStatus.Redirect().ToHeaderValue());
    }

    [Fact]
    public void Parses_a_failure_with_a_bare_prompt_flag()
    {
        const string value = "Passport1.4 da-status=failed,srealm=Passport.NET,ts=-3,prompt,cburl=http://messenger.msn.com/images/logo102x88.gif,cbtxt=Type%20your%20e-mail%20address%20and%20password%20correctly.";
        Assert.True(PassportLoginStatus.TryParse(value, out var status));
        Assert.Equal(PassportDaStatus.Failed, status.Status);
        Assert.Equal("Type your e-mail address and password correctly.", status.FailureText);
        Assert.True(status.Fields.TryGetValue("prompt", out var prompt));
        Assert.Null(prompt);
        Assert.Equal(PassportLoginStatus.WwwAuthenticateHeader, status.HeaderName);
    }

    [Fact]
    public void Builds_a_failure_with_encoded_text()
    {
        var status = PassportLoginStatus.Failed("Wrong password, try again.");
        Assert.Equal("Passport1.4 da-status=failed,srealm=Passport.NET,prompt,cbtxt=Wrong%20password%2C%20try%20again.", status.ToHeaderValue());
        Assert.True(PassportLoginStatus.TryParse(status.ToHeaderValue(), out var parsed));
        Assert.Equal("Wrong password, try again.", parsed.FailureText);
    }

    [Fact]
    public void Keeps_an_unknown_status_raw()
    {
        Assert.True(PassportLoginStatus.TryParse("Passport1.4 da-status=maintenance", out var status));
        Assert.Equal(PassportDaStatus.Unknown, status.Status);
        Assert.Equal("maintenance", status.DaStatus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Passport1.4")]
    [InlineData("Passport1.4 tname=MSPAuth")]
    [InlineData("Negotiate da-status=success")]
    [InlineData("Passport1.4 da-status=success,from-PP='t=unterminated")]
    [InlineData("Passport1.4 da-status=success,from-PP='t=a'junk,ru=x")]
    [InlineData("Passport1.4 da-status=success,=novalue")]
    [InlineData("Passport1.4 da-status=success\r\nSet-Cookie: x")]
    public void Refuses_malformed_values(string value)
    {
        Assert.False(PassportLoginStatus.TryParse(value, out _));
    }

    [Fact]
    public void Refuses_too_many_fields()
    {
        string value = "Passport1.4 da-status=success" + string.Concat(Enumerable.Repeat(",a", PassportLimits.MaxFields));
        Assert.False(PassportLoginStatus.TryParse(value, out _));
    }

    [Fact]
    public void Building_refuses_a_ticket_that_would_break_the_quotes()
    {
        Assert.Throws<ArgumentException>(() => new PassportTicket("a'b", "c"));
        Assert.Throws<ArgumentException>(() => PassportLoginStatus.Create([new("tname", "MSPAuth")]));
    }
}
