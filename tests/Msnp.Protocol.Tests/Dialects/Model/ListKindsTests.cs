using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects.Model;

public class ListKindsTests
{
    [Theory]
    [InlineData(ListKind.Forward, "FL", 1)]
    [InlineData(ListKind.Allow, "AL", 2)]
    [InlineData(ListKind.Block, "BL", 4)]
    [InlineData(ListKind.Reverse, "RL", 8)]
    public void Wire_names_and_bits(ListKind list, string wire, int bit)
    {
        Assert.Equal(wire, list.WireName());
        Assert.Equal(bit, (int)list);
        Assert.True(ListKinds.TryParse(wire, out var parsed));
        Assert.Equal(list, parsed);
    }

    [Theory]
    [InlineData("fl")]
    [InlineData("PL")]
    [InlineData("FLX")]
    [InlineData("")]
    public void Parsing_is_case_sensitive_and_exact(string token) =>
        Assert.False(ListKinds.TryParse(token, out _));

    [Fact]
    public void Only_a_single_list_has_a_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ListKind.None.WireName());
        Assert.Throws<ArgumentOutOfRangeException>(() => (ListKind.Forward | ListKind.Reverse).WireName());
    }

    [Fact]
    public void Membership_tests_one_list()
    {
        var lists = ListKind.Forward | ListKind.Allow | ListKind.Reverse;

        Assert.True(lists.Contains(ListKind.Allow));
        Assert.False(lists.Contains(ListKind.Block));
        Assert.False(lists.Contains(ListKind.None));
        Assert.Equal([ListKind.Forward, ListKind.Allow, ListKind.Block, ListKind.Reverse], ListKinds.SyncOrder);
    }
}
