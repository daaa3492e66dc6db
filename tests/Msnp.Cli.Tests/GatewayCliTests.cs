using System.Text.Json;
using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests;

public sealed class GatewayCliTests
{
    [Fact]
    public async Task Send_over_the_gateway_reaches_a_listener_over_tcp()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com", "bob@example.com");
        var gateway = $"http://127.0.0.1:{server.Host.Endpoints.HttpPort}/gateway/gateway.dll";

        var listen = InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, "bob@example.com"), "--count", "1", "--timeout", "60"]);
        var send = await SendListenTests.SendWhenOnlineAsync(listen, ["send", .. ServerAccounts.Trusted(server, "alice@example.com"), "--gateway", gateway, "bob@example.com", "through the gateway"]);

        Assert.Equal((ExitCodes.Success, string.Empty), (send.ExitCode, send.Error));
        var (code, output, error) = await listen;
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        using var json = JsonDocument.Parse(Assert.Single(MsnpProcess.Lines(output)));
        Assert.Equal("through the gateway", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_gateway_that_is_not_an_http_url_is_a_usage_error()
    {
        var (exitCode, _, error) = await InProcess.RunAsync(["send", "--server", "127.0.0.1:1863", "--user", "a@example.com", "--password", "x", "--gateway", "ftp://example.com/", "b@example.com", "hi"]);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--gateway must be an http or https URL", error, StringComparison.Ordinal);
    }
}
