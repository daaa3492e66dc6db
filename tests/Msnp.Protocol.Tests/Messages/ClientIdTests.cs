using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class ClientIdTests
{
    [Fact]
    public void Decodes_the_documented_example()
    {
        Assert.True(ClientId.TryParse("268435492", out var id));

        Assert.Equal(0x10000024u, id.Value);
        Assert.Equal(1, id.MsncVersion);
        Assert.Equal(0x10, id.TopByte);
        Assert.Equal(ClientCapabilities.MultiPacket | ClientCapabilities.InkGif, id.Capabilities);
        Assert.True(id.Has(ClientCapabilities.InkGif));
        Assert.False(id.Has(ClientCapabilities.Webcam));
        Assert.Equal("268435492", id.ToString());
    }

    [Fact]
    public void Create_combines_version_and_flags()
    {
        var id = ClientId.Create(ClientCapabilities.MultiPacket | ClientCapabilities.InkGif, msncVersion: 1);

        Assert.Equal(268435492u, id.Value);
        Assert.Equal(0, ClientId.Create(ClientCapabilities.Webcam).MsncVersion);
        Assert.Equal(0x20000000u, ClientId.Create(ClientCapabilities.None, 2).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientId.Create(ClientCapabilities.None, 16));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-1")]
    [InlineData("4294967296")]
    [InlineData("12a")]
    [InlineData(" 1")]
    public void Rejects_tokens_that_are_not_32_bit_decimals(string? token)
    {
        Assert.False(ClientId.TryParse(token, out _));
    }
}
