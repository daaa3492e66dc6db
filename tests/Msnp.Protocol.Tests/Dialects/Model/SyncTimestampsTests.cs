using CsCheck;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects.Model;

public class SyncTimestampsTests
{
    [Fact]
    public void Has_the_shape_MSN_7_caches()
    {
        Assert.Equal("2000-01-01T00:00:00.0000000-00:00", SyncTimestamps.FromVersion(0));
        Assert.Equal("2000-01-01T00:01:01.0000000-00:00", SyncTimestamps.FromVersion(61));
    }

    [Fact]
    public void Every_version_reads_back()
    {
        Gen.UInt.Sample(v =>
        {
            Assert.True(SyncTimestamps.TryReadVersion(SyncTimestamps.FromVersion(v), out var read));
            Assert.Equal(v, read);
        });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("2005-04-23T18:57:44.8130000-07:00")]
    [InlineData("1999-12-31T23:59:59.0000000-00:00")]
    [InlineData("2000-01-01T00:00:00.5000000-00:00")]
    public void Stamps_it_did_not_make_read_as_no_cache(string stamp)
    {
        Assert.False(SyncTimestamps.TryReadVersion(stamp, out _));
    }
}
