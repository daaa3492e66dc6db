using System.Text.Json;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using static Msnp.Cli.Tests.Decoding.DecoderRun;

namespace Msnp.Cli.Tests.Decoding;

/// <summary><c>msnp decode</c> on MSNP13–18 payload commands: framed by the dialect's table, XML made readable.</summary>
public sealed class WlmDecodeTests
{
    [Fact]
    public async Task A_client_stream_with_ADL_UUN_FQY_and_UUX_frames_and_shows_the_lists()
    {
        const string adl = "<ml l=\"1\"><d n=\"example.com\"><c n=\"bob\" l=\"3\" t=\"1\"/></d></ml>";
        const string uux = "<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia></Data>";
        var input = Bytes(
            $"ADL 5 {adl.Length}\r\n{adl}" +
            "UUN 6 bob@example.com 5 3\r\nabc" +
            "FQY 7 5\r\n<ml/>" +
            $"UUX 8 {uux.Length}\r\n{uux}" +
            "ADL 9 4\r\n<ml>" +
            "SDG 10 2\r\nhi");

        var (exitCode, lines) = await RunAsync(input, FrameDirection.ClientToServer, MsnpDialect.Msnp18);

        Assert.Equal(0, exitCode);
        Assert.Equal(6, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var list = first.RootElement.GetProperty("list");
        Assert.True(list.GetProperty("initial").GetBoolean());
        var contact = Assert.Single(list.GetProperty("contacts").EnumerateArray());
        Assert.Equal("bob@example.com", contact.GetProperty("account").GetString());
        Assert.Equal(3, contact.GetProperty("lists").GetInt32());
        Assert.Equal(1, contact.GetProperty("network").GetInt32());

        using var uun = JsonDocument.Parse(lines[1]);
        Assert.Equal("YWJj", uun.RootElement.GetProperty("payload").GetString());
        using var status = JsonDocument.Parse(lines[3]);
        Assert.Equal("hi", status.RootElement.GetProperty("status").GetProperty("psm").GetString());
        using var bad = JsonDocument.Parse(lines[4]);
        Assert.Equal("Malformed", bad.RootElement.GetProperty("listError").GetString());
        using var sdg = JsonDocument.Parse(lines[5]);
        Assert.Equal("aGk=", sdg.RootElement.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task A_server_stream_tells_ADL_OK_from_the_servers_own_ADL_payload()
    {
        const string added = "<ml><d n=\"example.com\"><c n=\"alice\" l=\"8\" t=\"1\" f=\"Alice\" /></d></ml>";
        var input = Bytes(
            "ADL 5 OK\r\n" +
            $"ADL 0 {added.Length}\r\n{added}" +
            "UBX 1:bob@example.com 0\r\n" +
            "NLN NLN 1:bob@example.com Bob 2788999212:48\r\n");

        var (exitCode, lines) = await RunAsync(input, FrameDirection.ServerToClient, MsnpDialect.Msnp18);

        Assert.Equal(0, exitCode);
        Assert.Equal(4, lines.Length);
        using var ok = JsonDocument.Parse(lines[0]);
        Assert.Equal(JsonValueKind.Null, ok.RootElement.GetProperty("payload").ValueKind);
        using var added0 = JsonDocument.Parse(lines[1]);
        Assert.Equal("alice@example.com", added0.RootElement.GetProperty("list").GetProperty("contacts")[0].GetProperty("account").GetString());
        Assert.Equal(8, added0.RootElement.GetProperty("list").GetProperty("contacts")[0].GetProperty("lists").GetInt32());
    }
}
