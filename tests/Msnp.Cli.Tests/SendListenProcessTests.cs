using System.Net;
using System.Net.Sockets;
using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests;

/// <summary><c>msnp send</c> and <c>msnp listen</c> as processes: options, TLS trust, versions and exit codes.</summary>
public sealed class SendListenProcessTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    [Theory]
    [InlineData("MSNP7", "MSNP7")]
    [InlineData("MSNP9", "MSNP8")]
    [InlineData("MSNP18", "MSNP18")]
    [InlineData("MSNP16", "MSNP15")]
    public async Task Listen_with_insecure_and_the_environment_password_receives_what_send_with_trust_cert_delivers(string listenVersion, string sendVersion)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var environment = new Dictionary<string, string?> { ["MSNP_PASSWORD"] = ServerAccounts.Password };

        var listen = MsnpProcess.RunAsync(environment, null, ["listen", .. ServerAccounts.Connection(server, Bob, password: null), "--insecure", "--version", listenVersion, "--count", "2", "--timeout", "60"]);
        string[] send = ["send", .. ServerAccounts.Trusted(server, Alice), "--version", sendVersion, "--timeout", "30", Bob];
        Assert.Equal((ExitCodes.Success, string.Empty, string.Empty), await SendListenTests.SendWhenOnlineAsync(listen, [.. send, "one"], args => MsnpProcess.RunAsync(null, args)));
        Assert.Equal((ExitCodes.Success, string.Empty, string.Empty), await MsnpProcess.RunAsync(null, [.. send, "two"]));

        var (code, output, error) = await listen;
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Equal(
            [
                """{"from":"alice@example.com","text":"one","contentType":"text/plain; charset=UTF-8"}""",
                """{"from":"alice@example.com","text":"two","contentType":"text/plain; charset=UTF-8"}""",
            ],
            MsnpProcess.Lines(output));
    }

    [Theory]
    [InlineData("MSNP18")]
    [InlineData("MSNP15")]
    [InlineData("MSNP8")]
    public async Task Send_offline_stores_an_offline_message_that_listen_prints_at_the_next_sign_in(string version)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        // Without --offline an offline contact is still exit 5 with 217.
        var refused = await MsnpProcess.RunAsync(null, ["send", .. ServerAccounts.Trusted(server, Alice), "--version", version, Bob, "anyone there?"]);
        Assert.Equal(ExitCodes.Unreachable, refused.ExitCode);
        Assert.Contains("217", refused.Error, StringComparison.Ordinal);

        var (code, output, error) = await MsnpProcess.RunAsync(null, ["send", .. ServerAccounts.Trusted(server, Alice), "--version", version, "--offline", Bob, "see you tomorrow, ça va?"]);
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Equal([$"{Bob} is offline; stored as an offline message"], MsnpProcess.Lines(output));

        var listen = await MsnpProcess.RunAsync(null, ["listen", .. ServerAccounts.Trusted(server, Bob), "--version", "MSNP18", "--count", "1", "--timeout", "60"]);
        Assert.Equal((ExitCodes.Success, string.Empty), (listen.ExitCode, listen.Error));
        using var json = System.Text.Json.JsonDocument.Parse(Assert.Single(MsnpProcess.Lines(listen.Output)));
        Assert.Equal(Alice, json.RootElement.GetProperty("from").GetString());
        Assert.Equal("see you tomorrow, ça va?", json.RootElement.GetProperty("text").GetString());
        Assert.True(json.RootElement.GetProperty("offline").GetBoolean());
    }

    [Theory]
    [InlineData("send")]
    [InlineData("listen")]
    public async Task An_untrusted_passport_certificate_is_a_sign_in_failure(string verb)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        string[] args = verb == "send" ? ["send", .. ServerAccounts.Connection(server, Alice), Bob, "hi"] : ["listen", .. ServerAccounts.Connection(server, Alice), "--timeout", "5"];

        var (code, output, error) = await MsnpProcess.RunAsync(null, args);

        Assert.Equal(ExitCodes.SignInFailed, code);
        Assert.Empty(output);
        Assert.StartsWith($"msnp {verb}: sign-in failed: Passport's TLS certificate is not trusted", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MSNP9", "Passport refused")]
    [InlineData("MSNP5", "911")]
    public async Task A_wrong_password_exits_4(string version, string reason)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        var (code, output, error) = await MsnpProcess.RunAsync(null, ["listen", .. ServerAccounts.Trusted(server, Bob, "wrong"), "--version", version, "--timeout", "5"]);

        Assert.Equal(ExitCodes.SignInFailed, code);
        Assert.Empty(output);
        Assert.StartsWith("msnp listen: sign-in failed", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send")]
    [InlineData("listen")]
    public async Task A_closed_port_exits_3(string verb)
    {
        var port = ClosedPort();
        string[] connection = ["--server", $"127.0.0.1:{port}", "--user", Alice, "--password", "pw"];
        string[] args = verb == "send" ? ["send", .. connection, Bob, "hi"] : ["listen", .. connection, "--timeout", "5"];

        var (code, output, error) = await MsnpProcess.RunAsync(null, args);

        Assert.Equal(ExitCodes.ConnectionFailed, code);
        Assert.Empty(output);
        Assert.StartsWith($"msnp {verb}: cannot connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_to_a_server_that_never_answers_exits_7_at_its_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var (code, output, error) = await MsnpProcess.RunAsync(null, ["send", "--server", $"127.0.0.1:{port}", "--user", Alice, "--password", "pw", "--timeout", "1", Bob, "hi"]);

        Assert.Equal(ExitCodes.TimedOut, code);
        Assert.Empty(output);
        Assert.Equal("msnp send: timed out after 1 s while signing in.", error.TrimEnd());
    }

    [Fact]
    public async Task Send_timeout_must_be_positive()
    {
        var (code, _, error) = await MsnpProcess.RunAsync(null, ["send", "--server", "127.0.0.1:1", "--user", Alice, "--password", "pw", "--timeout", "0", Bob, "hi"]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--timeout must be a positive number of seconds.", error, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
