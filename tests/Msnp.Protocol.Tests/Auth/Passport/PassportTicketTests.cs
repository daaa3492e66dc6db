using Msnp.Protocol.Auth.Passport;

namespace Msnp.Protocol.Tests.Auth.Passport;

public class PassportTicketTests
{
    [Fact]
    public void Parses_and_builds_t_and_p()
    {
        Assert.True(PassportTicket.TryParse("t=53*1hAu8ADuD3TEwd!XoO$&p=53*1hAu8A$DuD3", out var ticket));
        Assert.Equal("53*1hAu8ADuD3TEwd!XoO$", ticket.T);
        Assert.Equal("53*1hAu8A$DuD3", ticket.P);
        Assert.Equal(ticket.T, ticket.MspAuth);
        Assert.Equal("t=53*1hAu8ADuD3TEwd!XoO$&p=53*1hAu8A$DuD3", ticket.ToString());
        Assert.Equal(new PassportTicket("53*1hAu8ADuD3TEwd!XoO$", "53*1hAu8A$DuD3"), ticket);
    }

    [Theory]
    [InlineData("p=b&t=a", "a", "b")]
    [InlineData("t=a", "a", "")]
    [InlineData("t=a&p=", "a", "")]
    [InlineData("t=a==&p=b=", "a==", "b=")]
    public void Tolerates_order_missing_p_and_equals_in_values(string text, string t, string p)
    {
        Assert.True(PassportTicket.TryParse(text, out var ticket));
        Assert.Equal(t, ticket.T);
        Assert.Equal(p, ticket.P);
    }

    [Theory]
    [InlineData("")]
    [InlineData("t=")]
    [InlineData("p=b")]
    [InlineData("t=a&t=b")]
    [InlineData("t=a&p=b&x=c")]
    [InlineData("t=a&&p=b")]
    [InlineData("t=a b&p=c")]
    [InlineData("'t=a&p=b'")]
    [InlineData("t=a\r\n&p=b")]
    [InlineData("t=é&p=b")]
    [InlineData("ta&p=b")]
    public void Refuses_malformed_tickets(string text)
    {
        Assert.False(PassportTicket.TryParse(text, out var ticket));
        Assert.Null(ticket);
    }
}
