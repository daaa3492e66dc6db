using System.Text;
using System.Text.Json;
using Msnp.Protocol.Messages;
using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests;

/// <summary>Text longer than one switchboard message: split into several, never a dropped connection.</summary>
public sealed class LongMessageTests
{
    [Fact]
    public async Task Send_splits_long_text_into_messages_that_arrive_in_order_and_whole()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com", "bob@example.com");

        // 5000 characters with multi-byte ones and spaces: more than three messages' worth.
        var text = new StringBuilder();
        for (var i = 0; text.Length < 5000; i++)
        {
            text.Append(i % 7 == 0 ? "héllo wörld € " : "word ");
        }

        var expected = text.ToString();
        var parts = TextSplitter.Split(expected, 1664);
        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        var listen = InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, "bob@example.com"), "--count", parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "60"]);

        var send = await SendListenTests.SendWhenOnlineAsync(
            listen,
            ["send", .. ServerAccounts.Trusted(server, "alice@example.com"), "bob@example.com", expected],
            args => MsnpProcess.RunAsync(null, args));

        Assert.Equal((ExitCodes.Success, string.Empty, string.Empty), send);
        var (code, output, _) = await listen;
        Assert.Equal(ExitCodes.Success, code);
        var received = MsnpProcess.Lines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();
        Assert.Equal(parts, received);
        Assert.Equal(expected, string.Concat(received));
    }
}
