using System.Text;
using System.Text.Json;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.P2P;
using static Msnp.Cli.Tests.Decoding.DecoderRun;

namespace Msnp.Cli.Tests.Decoding;

public sealed class P2PDecodeTests
{
    [Fact]
    public async Task A_p2p_message_shows_its_binary_header_and_slp_fields()
    {
        var picture = MsnObject.Create("bob@example.com", new byte[] { 1, 2, 3 });
        var context = Convert.ToBase64String(Encoding.UTF8.GetBytes(picture.ToString()));
        var invite = SlpMessage.Request("INVITE", "bob@example.com", "bob@example.com", "alice@example.com", "B1", 0, "C1", SlpConstants.SessionRequestBody, SlpMessage.SessionRequestBody(SlpConstants.MsnObjectGuid, 42, P2PAppId.MsnObject, context)).ToBytes();
        var packet = new P2PPacket(new P2PHeader(0, 7, 0, (ulong)invite.Length, (uint)invite.Length, P2PFlags.None, 99, 0, 0), invite, 0);
        var payload = P2PMime.Payload(P2PMime.HeaderBlock("bob@example.com"), packet);
        var data = new P2PPacket(new P2PHeader(42, 8, 0, 3, 3, P2PFlags.MsnObjectData, 5, 0, 0), new byte[] { 1, 2, 3 }, 1);
        var dataPayload = P2PMime.Payload(P2PMime.HeaderBlock("bob@example.com"), data);
        var input = Concat(Bytes($"MSG alice@example.com Alice {payload.Length}\r\n"), payload, Bytes($"MSG alice@example.com Alice {dataPayload.Length}\r\n"), dataPayload);

        var (exitCode, lines) = await RunAsync(input, dialect: MsnpDialect.Msnp9);

        Assert.Equal(0, exitCode);
        using var first = JsonDocument.Parse(lines[0]);
        var p2p = first.RootElement.GetProperty("p2p");
        Assert.Equal("bob@example.com", p2p.GetProperty("dest").GetString());
        Assert.Equal(7u, p2p.GetProperty("id").GetUInt32());
        Assert.Equal("slp", p2p.GetProperty("kind").GetString());
        Assert.Equal(99u, p2p.GetProperty("ackId").GetUInt32());
        var slp = p2p.GetProperty("slp");
        Assert.Equal("INVITE", slp.GetProperty("method").GetString());
        Assert.Equal("{C1}", slp.GetProperty("headers").GetProperty("Call-ID").GetString());
        Assert.Equal("42", slp.GetProperty("body").GetProperty("SessionID").GetString());
        Assert.Equal(picture.ToString(), slp.GetProperty("context").GetString());

        using var second = JsonDocument.Parse(lines[1]);
        var chunk = second.RootElement.GetProperty("p2p");
        Assert.Equal("data", chunk.GetProperty("kind").GetString());
        Assert.Equal("0x20", chunk.GetProperty("flags").GetString());
        Assert.Equal(1u, chunk.GetProperty("footer").GetUInt32());
        Assert.False(chunk.TryGetProperty("slp", out _));
    }

    [Fact]
    public async Task A_p2p_body_that_lies_about_its_length_is_reported_not_decoded()
    {
        var lying = new P2PPacket(new P2PHeader(0, 1, 0, 10, 10, P2PFlags.None, 0, 0, 0), new byte[3], 0).ToArray();
        var payload = Concat(P2PMime.HeaderBlock("bob@example.com"), lying);
        var input = Concat(Bytes($"MSG alice@example.com Alice {payload.Length}\r\n"), payload);

        var (_, lines) = await RunAsync(input, dialect: MsnpDialect.Msnp9);

        using var json = JsonDocument.Parse(Assert.Single(lines));
        Assert.Contains("announces 10 data bytes but 3 are present", json.RootElement.GetProperty("p2pError").GetString(), StringComparison.Ordinal);
    }
}
