using CsCheck;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Protocol.Tests.Auth.Passport;

public class PassportFieldListTests
{
    [Fact]
    public void Keeps_order_duplicates_flags_and_quotes()
    {
        Assert.True(PassportFieldList.TryParse("a=1, b = 2 ,flag,c='x,y',a=3", out var list));
        Assert.Equal(
            [new("a", "1"), new("b", "2"), new("flag", null), new("c", "'x,y'"), new PassportField("a", "3")],
            list);
        Assert.Equal("1", list.GetValue("A"));
        Assert.Equal(["1", "3"], list.GetValues("a"));
        Assert.Equal("a=1,b=2,flag,c='x,y',a=3", list.ToString());
    }

    [Fact]
    public void Never_throws_on_garbage()
    {
        Gen.String.Sample(text =>
        {
            if (PassportFieldList.TryParse(text, out var list))
            {
                // Whatever parses formats to something that parses to the same fields.
                Assert.True(PassportFieldList.TryParse(list.ToString(), out var again));
                Assert.Equal(list, again);
            }
        });
    }

    [Fact]
    public void Formatted_lists_parse_back()
    {
        var key = Gen.Char["abcdefghijklmnopqrstuvwxyz-"].Array[1, 8].Select(c => new string(c));
        var value = Gen.OneOf(
            Gen.Char["abcXYZ019%:/.=&*!$-_"].Array[0, 12].Select(c => (string?)new string(c)),
            Gen.Char["abc,= "].Array[0, 8].Select(c => (string?)$"'{new string(c)}'"),
            Gen.Const((string?)null));
        Gen.Select(key, value).Select(t => new PassportField(t.Item1, t.Item2)).Array[1, 10].Sample(fields =>
        {
            var list = new PassportFieldList(fields);
            Assert.True(PassportFieldList.TryParse(list.ToString(), out var parsed));
            Assert.Equal(fields, parsed);
        });
    }
}
