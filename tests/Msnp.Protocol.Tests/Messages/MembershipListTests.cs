using System.Text;
using CsCheck;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

/// <summary>The <c>ADL</c>/<c>RML</c>/<c>FQY</c> XML (later-dialects.md; Pidgin notification.c, escargot _m_adl).</summary>
public class MembershipListTests
{
    private static MembershipListError Error(string xml)
    {
        Assert.False(MembershipList.TryParse(Encoding.UTF8.GetBytes(xml), out var list, out var error));
        Assert.Null(list);
        return error;
    }

    [Fact]
    public void Reads_what_Pidgin_sends()
    {
        Assert.True(MembershipList.TryParse("<ml l='1'/>"u8, out var empty, out _));
        Assert.True(empty.Initial);
        Assert.Empty(empty.Entries);

        Assert.True(MembershipList.TryParse("<ml l=\"1\"><d n=\"Example.com\"><c n=\"Bob\" l=\"3\" t=\"1\" /><c n=\"carol\" l=\"4\" t=\"1\"/></d><d n=\"example.org\"><c n=\"dave\" t=\"1\"/></d></ml>"u8, out var list, out _));
        Assert.True(list.Initial);
        Assert.Equal(
            [new MembershipEntry("bob@example.com", 3, 1), new MembershipEntry("carol@example.com", 4, 1), new MembershipEntry("dave@example.org", 0, 1)],
            list.Entries);
    }

    [Theory]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\"", MembershipListError.Malformed)]
    [InlineData("<!DOCTYPE ml [<!ENTITY a \"aaaaaaaaaa\">]><ml>&a;</ml>", MembershipListError.Malformed)]
    [InlineData("<!DOCTYPE ml SYSTEM \"http://example.com/x.dtd\"><ml/>", MembershipListError.Malformed)]
    [InlineData("<Data/>", MembershipListError.WrongShape)]
    [InlineData("<ml><x/></ml>", MembershipListError.WrongShape)]
    [InlineData("<ml><d n=\"example.com\">text</d></ml>", MembershipListError.WrongShape)]
    [InlineData("<ml><d n=\"example.com\"><c n=\"a\"><c n=\"b\"/></c></d></ml>", MembershipListError.TooDeep)]
    [InlineData("<ml><d n=\"example.com\"/></ml>", MembershipListError.EmptyDomain)]
    [InlineData("<ml><d n=\"example.com\"></d></ml>", MembershipListError.EmptyDomain)]
    [InlineData("<ml><d><c n=\"bob\"/></d></ml>", MembershipListError.BadContact)]
    [InlineData("<ml><d n=\"example.com\"><c l=\"1\"/></d></ml>", MembershipListError.BadContact)]
    [InlineData("<ml><d n=\"example.com\"><c n=\"b ob\"/></d></ml>", MembershipListError.BadContact)]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\" l=\"-1\"/></d></ml>", MembershipListError.BadContact)]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\" l=\"1\" t=\"x\"/></d></ml>", MembershipListError.BadNetwork)]
    public void Refuses_bad_documents(string xml, MembershipListError expected) => Assert.Equal(expected, Error(xml));

    [Fact]
    public void Is_bounded_in_size_and_contacts()
    {
        var big = new byte[MembershipListLimits.Default.MaxPayloadBytes + 1];
        Assert.False(MembershipList.TryParse(big, out _, out var error));
        Assert.Equal(MembershipListError.TooLarge, error);

        var many = "<ml><d n=\"example.com\">" + string.Concat(Enumerable.Range(0, 301).Select(i => $"<c n=\"u{i}\"/>")) + "</d></ml>";
        Assert.Equal(MembershipListError.TooManyContacts, Error(many));
        Assert.False(MembershipList.TryParse([0xC3, 0x28], out _, out error));
        Assert.Equal(MembershipListError.Malformed, error);
    }

    [Fact]
    public void Writes_the_server_form_grouped_by_domain()
    {
        var bytes = MembershipList.Write(
            [new MembershipEntry("bob@example.com", 8, 1), new MembershipEntry("dave@example.org", 0, 1), new MembershipEntry("carol@example.com", 1, 1)],
            new Dictionary<string, string> { ["bob@example.com"] = "Bob%20&\"" });
        Assert.Equal(
            "<ml><d n=\"example.com\"><c n=\"bob\" l=\"8\" t=\"1\" f=\"Bob%20&amp;&quot;\" /><c n=\"carol\" l=\"1\" t=\"1\" /></d><d n=\"example.org\"><c n=\"dave\" t=\"1\" /></d></ml>",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Never_throws_and_what_it_reads_writes_back()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            if (MembershipList.TryParse(bytes, out var list, out _) && list.Entries.Count > 0)
            {
                Assert.True(MembershipList.TryParse(MembershipList.Write(list.Entries), out var again, out _));
                Assert.Equal(list.Entries, again.Entries);
            }
        });
        var local = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789._-"].Array[1, 12].Select(c => new string(c)).Where(s => char.IsLetterOrDigit(s[0]) && char.IsLetterOrDigit(s[^1]) && !s.Contains("..", StringComparison.Ordinal));
        Gen.Select(local, Gen.Int[0, 7], Gen.OneOf("example.com", "example.org"), (l, bits, d) => new MembershipEntry($"{l}@{d}", bits, 1)).Array[1, 20].Sample(entries =>
        {
            if (MembershipList.TryParse(MembershipList.Write(entries), out var list, out _))
            {
                Assert.Equal(entries.OrderBy(e => e.Account.Split('@')[1], StringComparer.Ordinal).Select(e => e.Account).ToHashSet(), list.Entries.Select(e => e.Account).ToHashSet());
            }
        });
    }
}
