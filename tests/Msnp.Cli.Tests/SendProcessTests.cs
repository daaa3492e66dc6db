using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests;

public sealed class SendProcessTests
{
    [Fact]
    public async Task Msnp_send_as_a_process_delivers_to_a_listener()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com", "bob@example.com");

        var listen = InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, "bob@example.com"), "--count", "1", "--timeout", "60"]);
        var send = await SendListenTests.SendWhenOnlineAsync(
            listen,
            ["send", .. ServerAccounts.Trusted(server, "alice@example.com"), "bob@example.com", "from a process"],
            args => MsnpProcess.RunAsync(null, args));

        Assert.Equal((ExitCodes.Success, string.Empty, string.Empty), send);
        var (code, output, _) = await listen;
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("""{"from":"alice@example.com","text":"from a process","contentType":"text/plain; charset=UTF-8"}""", Assert.Single(MsnpProcess.Lines(output)));
    }

    [Fact]
    public async Task Msnp_send_as_a_process_takes_the_password_from_the_environment_and_exits_with_the_unreachable_code()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com", "bob@example.com");
        var withoutPassword = ServerAccounts.Trusted(server, "alice@example.com", password: null);
        var environment = new Dictionary<string, string?> { ["MSNP_PASSWORD"] = ServerAccounts.Password };

        var (code, output, error) = await MsnpProcess.RunAsync(environment, null, ["send", .. withoutPassword, "bob@example.com", "hi"]);

        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Empty(output);
        Assert.StartsWith("msnp send: cannot reach the contact: 217", error, StringComparison.Ordinal);
    }
}
