using System.Text;
using CsCheck;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class NotificationDocumentTests
{
    private const string WellFormed =
        "<NOTIFICATION ver=\"2\" id=\"1342902633\" siteid=\"199999999\" siteurl=\"http://alerts.example.com\">" +
        "<TO pid=\"0x0006BFFD:0x8582C0FB\" name=\"alice@example.com\"/>" +
        "<MSG pri=\"1\" id=\"1342902633\">" +
        "<SUBSCR url=\"http://alerts.example.com/manage?x=1&amp;y=2\"/>" +
        "<ACTION url=\"http://alerts.example.com/open\"/>" +
        "<BODY lang=\"1033\" icon=\"\"><TEXT>You have 2 new alerts &amp; a &lt;note&gt;</TEXT></BODY>" +
        "</MSG></NOTIFICATION>";

    [Fact]
    public void Reads_the_parts_a_client_shows()
    {
        Assert.True(NotificationDocument.TryParse(Encoding.UTF8.GetBytes(WellFormed), out var doc));

        Assert.Equal("2", doc.Version);
        Assert.Equal("1342902633", doc.Id);
        Assert.Equal("199999999", doc.SiteId);
        Assert.Equal("http://alerts.example.com", doc.SiteUrl);
        Assert.Equal("0x0006BFFD:0x8582C0FB", doc.ToPassportId);
        Assert.Equal("alice@example.com", doc.ToName);
        Assert.Equal("1342902633", doc.MessageId);
        Assert.Equal("http://alerts.example.com/manage?x=1&y=2", doc.SubscriptionUrl);
        Assert.Equal("http://alerts.example.com/open", doc.ActionUrl);
        Assert.Equal("You have 2 new alerts & a <note>", doc.BodyText);
    }

    [Fact]
    public void Tolerates_bare_ampersands_unquoted_values_and_missing_end_tags()
    {
        const string broken =
            "<notification id=77 siteid='5' siteurl=http://x.example/?a=1&b=2>\r\n" +
            "<to pid=1 name=bob@example.com>\r\n" +
            "<msg id=\"9\"><action url=\"http://x.example/go?u=http://y.example/&z\">" +
            "<body><text>Fish & chips";

        Assert.True(NotificationDocument.TryParse(broken, out var doc));
        Assert.Equal("77", doc.Id);
        Assert.Equal("5", doc.SiteId);
        Assert.Equal("http://x.example/?a=1&b=2", doc.SiteUrl);
        Assert.Equal("bob@example.com", doc.ToName);
        Assert.Equal("9", doc.MessageId);
        Assert.Equal("http://x.example/go?u=http://y.example/&z", doc.ActionUrl);
        Assert.Equal("Fish & chips", doc.BodyText);
        Assert.Null(doc.Version);
        Assert.Null(doc.SubscriptionUrl);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("<NOTIFICATIONS/>")]
    [InlineData("not xml at all")]
    public void Without_a_notification_tag_there_is_no_document(string? xml)
    {
        Assert.False(NotificationDocument.TryParse(xml, out _));
    }

    [Fact]
    public void Arbitrary_input_never_throws()
    {
        var piece = Gen.OneOf(
            Gen.Const("<NOTIFICATION"), Gen.Const("<TO"), Gen.Const("<MSG"), Gen.Const("<BODY>"), Gen.Const("<TEXT>"),
            Gen.Const("</TEXT>"), Gen.Const("id="), Gen.Const("\""), Gen.Const("'"), Gen.Const(">"), Gen.Const("/"),
            Gen.Const(" "), Gen.Const("&"), Gen.Const("&#"), Gen.Const("&#x110000;"), Gen.Const("&#xD800;"), Gen.Const(";"),
            Gen.String[Gen.Char["a1=&;#x"], 0, 5]);

        piece.Array[0, 30].Select(string.Concat).Sample(xml =>
        {
            if (NotificationDocument.TryParse(xml, out var doc))
            {
                _ = doc.BodyText;
            }
        });
    }
}
