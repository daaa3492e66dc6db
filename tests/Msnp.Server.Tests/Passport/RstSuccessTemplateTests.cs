using System.Text;
using Msnp.Protocol.Auth.Passport;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// The token service's success reply is filled into a template cut from the XML writer's own output;
/// each reply must be the writer's byte for byte, and a value the template cannot take goes through the writer.
/// </summary>
public sealed class RstSuccessTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static readonly TicketService Tickets = new(new byte[32], TimeSpan.FromHours(24), TimeProvider.System);

    public static TheoryData<string> Flavors => ["rst", "rst2"];

    private static RstFlavor Flavor(string name) => name == "rst" ? RstFlavor.Rst : RstFlavor.Rst2;

    private static (RstRequest Request, List<IssuedTicket> Tickets) Request(params (string Address, string? Policy)[] tokens)
    {
        var request = new RstRequest("someone@example.com", "pw", tokens.Select((t, i) => new RstTokenRequest($"RST{i}", t.Address, t.Policy)).ToList());
        return (request, tokens.Select(_ => Tickets.Issue("someone@example.com", [1, 2, 3])).ToList());
    }

    private static byte[] Written(RstFlavor flavor, RstRequest request, List<IssuedTicket> tickets, DateTimeOffset now) =>
        RstResponseWriter.WriteSuccess(flavor, RstResponseWriter.HeaderText.At(now), tickets.Select((t, i) => RstResponseWriter.TokenText.Of(i, request.Tokens[i], t)).ToList());

    [Theory]
    [MemberData(nameof(Flavors))]
    public void Messenger_2009s_seven_tokens_come_out_as_the_writer_writes_them(string name)
    {
        var flavor = Flavor(name);
        var (request, tickets) = Request(
            (RstSoap.PassportTokenAddress, null), ("messengerclear.live.com", "MBI_KEY_OLD"), ("messenger.msn.com", "?id=507"),
            ("contacts.msn.com", "MBI"), ("messengersecure.live.com", "MBI_SSL"), ("spaces.live.com", "MBI"), ("storage.msn.com", "MBI"));

        var reply = RstResponseWriter.Success(flavor, request, tickets, Now);

        Assert.Equal(Encoding.UTF8.GetString(Written(flavor, request, tickets, Now)), Encoding.UTF8.GetString(reply));
        Assert.Contains("&amp;p=", Encoding.UTF8.GetString(reply), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Flavors))]
    public void A_single_token_and_a_legacy_address_in_other_case_match_too(string name)
    {
        var flavor = Flavor(name);
        var (request, tickets) = Request(("HTTP://passport.net/TB", null), ("messenger.msn.com", "?id=507"));

        Assert.Equal(Written(flavor, request, tickets, Now), RstResponseWriter.Success(flavor, request, tickets, Now));
        var (one, oneTicket) = Request(("messengerclear.live.com", "MBI_KEY_OLD"));
        Assert.Equal(Written(flavor, one, oneTicket, Now), RstResponseWriter.Success(flavor, one, oneTicket, Now));
    }

    [Theory]
    [InlineData("contacts.msn.com/a<b>")]
    [InlineData("contacts.msn.com/\"quoted\" 'x'")]
    [InlineData("contacts.msn.com/ü")]
    [InlineData("contacts.msn.com/a\rb\nc\td")]
    [InlineData("contacts.msn.com/&amp;&lt;")]
    public void Addresses_the_template_cannot_take_are_escaped_by_the_writer(string address)
    {
        foreach (var flavor in new[] { RstFlavor.Rst, RstFlavor.Rst2 })
        {
            var (request, tickets) = Request(("messengerclear.live.com", "MBI_KEY_OLD"), (address, "MBI"));
            var fast = RstResponseWriter.HeaderText.At(Now);
            var tokens = tickets.Select((t, i) => RstResponseWriter.TokenText.Of(i, request.Tokens[i], t)).ToList();

            var reply = RstResponseWriter.Success(flavor, request, tickets, Now);

            Assert.Equal(Written(flavor, request, tickets, Now), reply);
            Assert.Equal(address.Contains('&', StringComparison.Ordinal) && !address.Contains('<', StringComparison.Ordinal), RstSuccessTemplate.For(flavor).TryFill(fast, tokens) is not null);
            var read = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(reply));
            Assert.Contains(read.Descendants(), e => e.Name.LocalName == "Address" && e.Value == address);
        }
    }
}
