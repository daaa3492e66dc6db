using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>The <c>VER</c> exchange's choice, whatever order the client offers and the server supports versions in.</summary>
public sealed class VersionNegotiationTests
{
    [Fact]
    public void The_shared_versions_come_newest_first_whatever_order_either_side_lists_them_in()
    {
        MsnpDialect[] supported = [MsnpDialect.Msnp7, MsnpDialect.Msnp12, MsnpDialect.Msnp8, MsnpDialect.Msnp18];
        var outcome = VersionNegotiation.Negotiate(["MSNP8", "CVR0", "MSNP18", "MSNP2", "MSNP7", "MSNP8"], supported);
        Assert.Equal([MsnpDialect.Msnp18, MsnpDialect.Msnp8, MsnpDialect.Msnp7], outcome.Common);
        Assert.True(outcome.OfferedCvr0);
        Assert.Same(MsnpDialect.Msnp18, outcome.Chosen);
        Assert.Equal(["MSNP18", "MSNP8", "MSNP7", "CVR0"], outcome.ReplyParameters());
    }

    [Fact]
    public void Unknown_tokens_are_ignored_and_nothing_shared_is_answered_with_0()
    {
        var outcome = VersionNegotiation.Negotiate(["MSNP99", "msnp8", "MSNP", "MSNP-1"], MsnpDialect.All);
        Assert.Empty(outcome.Common);
        Assert.Null(outcome.Chosen);
        Assert.Equal(["0"], outcome.ReplyParameters());
    }

    [Fact]
    public void Every_version_the_server_supports_is_found_when_all_are_offered()
    {
        var outcome = VersionNegotiation.Negotiate(MsnpDialect.All.Select(d => d.Name).Reverse(), MsnpDialect.All);
        Assert.Equal(MsnpDialect.All.OrderByDescending(d => d.Version), outcome.Common);
    }
}
