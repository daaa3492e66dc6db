using System.Text.Json;
using Msnp.Cli.Tests.Support;
using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Cli.Tests;

public sealed class SendListenTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    [Theory]
    [InlineData("MSNP8")]
    [InlineData("MSNP9")]
    [InlineData("MSNP7")]
    [InlineData("2")]
    [InlineData("MSNP10")]
    [InlineData("MSNP11")]
    [InlineData("12")]
    [InlineData("MSNP15")]
    [InlineData("MSNP16")]
    [InlineData("MSNP18")]
    public async Task Listen_prints_the_message_send_delivers_and_both_exit_zero(string version)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        var listen = InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, Bob), "--version", version, "--count", "1", "--timeout", "30"]);
        var send = await SendWhenOnlineAsync(listen, ["send", .. ServerAccounts.Trusted(server, Alice), "--version", version, Bob, "hello bob, ça va?"]);

        Assert.Equal((ExitCodes.Success, string.Empty), (send.ExitCode, send.Error));
        var (code, output, error) = await listen;
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        var line = Assert.Single(MsnpProcess.Lines(output));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(["from", "text", "contentType"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Alice, json.RootElement.GetProperty("from").GetString());
        Assert.Equal("hello bob, ça va?", json.RootElement.GetProperty("text").GetString());
        Assert.StartsWith("text/plain", json.RootElement.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.Contains("ça va", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_skips_typing_notifications()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var listen = InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, Bob), "--count", "1", "--timeout", "30"]);
        await using var alice = new MsnpClient(new MsnpClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Host.Endpoints.NotificationPort,
            HttpsPort = server.Host.Endpoints.HttpsPort,
            Account = Alice,
            Password = ServerAccounts.Password,
            TrustedCertificatePath = ServerAccounts.CertificatePath(server),
        });
        await alice.SignInAsync();
        await alice.SetStatusAsync(PresenceStatus.Online);

        await using var conversation = await StartWhenOnlineAsync(alice, Bob, listen);
        await conversation.SendTypingAsync();
        await conversation.SendTextAsync("after typing");

        var (code, output, error) = await listen;
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        Assert.Equal("""{"from":"alice@example.com","text":"after typing","contentType":"text/plain; charset=UTF-8"}""", Assert.Single(MsnpProcess.Lines(output)));
    }

    [Fact]
    public async Task Listen_stops_cleanly_when_cancelled()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Bob);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var (code, output, error) = await InProcess.RunAsync(cancel.Token, ["listen", .. ServerAccounts.Trusted(server, Bob)]);

        Assert.Equal((ExitCodes.Success, string.Empty, string.Empty), (code, output, error));
    }

    [Fact]
    public async Task Sending_to_an_offline_contact_fails_with_217()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        var (code, output, error) = await InProcess.RunAsync(["send", .. ServerAccounts.Trusted(server, Alice), Bob, "anyone there?"]);

        Assert.True(code == ExitCodes.Unreachable, error);
        Assert.Empty(output);
        Assert.Contains("217", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MSNP8", "Passport refused")]
    [InlineData("MSNP7", "911")]
    [InlineData("MSNP15", "Passport refused the sign-in: Authentication Failure.")]
    [InlineData("MSNP18", "Passport refused the sign-in: Authentication Failure.")]
    public async Task A_wrong_password_is_a_sign_in_failure(string version, string reason)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        var (code, _, error) = await InProcess.RunAsync(["send", .. ServerAccounts.Trusted(server, Alice, "wrong"), "--version", version, Bob, "hi"]);

        Assert.Equal(ExitCodes.SignInFailed, code);
        Assert.Contains("sign-in failed", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passport_tls_needs_the_trusted_certificate_or_insecure()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        var untrusted = await InProcess.RunAsync(["send", .. ServerAccounts.Connection(server, Alice), Bob, "hi"]);
        Assert.Equal(ExitCodes.SignInFailed, untrusted.ExitCode);
        Assert.Contains("not trusted", untrusted.Error, StringComparison.Ordinal);

        // Past sign-in, the offline contact is the next thing to fail: proof that sign-in worked.
        var insecure = await InProcess.RunAsync(["send", .. ServerAccounts.Connection(server, Alice), "--insecure", Bob, "hi"]);
        Assert.Equal(ExitCodes.Unreachable, insecure.ExitCode);
        var trusted = await InProcess.RunAsync(["send", .. ServerAccounts.Trusted(server, Alice), Bob, "hi"]);
        Assert.Equal(ExitCodes.Unreachable, trusted.ExitCode);
    }

    [Fact]
    public async Task Listen_without_count_ends_cleanly_at_the_timeout_and_with_count_reports_it()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Bob);

        var open = await InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, Bob), "--timeout", "0.5"]);
        Assert.Equal((ExitCodes.Success, string.Empty, string.Empty), open);

        var counted = await InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, Bob), "--count", "2", "--timeout", "0.5"]);
        Assert.Equal(ExitCodes.TimedOut, counted.ExitCode);
        Assert.Empty(counted.Output);
        Assert.Contains("timed out after 0 of 2 messages", counted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_1()
    {
        Environment.SetEnvironmentVariable("MSNP_PASSWORD", null);
        string[] server = ["--server", "127.0.0.1:1", "--user", Alice];

        var both = await InProcess.RunAsync(["send", .. server, "--password", "pw", "--trust-cert", typeof(InProcess).Assembly.Location, "--insecure", Bob, "hi"]);
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
        Assert.Contains("cannot be used together", both.Error, StringComparison.Ordinal);

        var noPassword = await InProcess.RunAsync(["listen", .. server]);
        Assert.Equal(ExitCodes.Usage, noPassword.ExitCode);
        Assert.Contains("--password is required", noPassword.Error, StringComparison.Ordinal);

        var badServer = await InProcess.RunAsync(["send", "--server", "localhost", "--user", Alice, "--password", "pw", Bob, "hi"]);
        Assert.Equal(ExitCodes.Usage, badServer.ExitCode);
        Assert.Contains("HOST:PORT", badServer.Error, StringComparison.Ordinal);

        var badVersion = await InProcess.RunAsync(["send", .. server, "--password", "pw", "--version", "MSNP19", Bob, "hi"]);
        Assert.Equal(ExitCodes.Usage, badVersion.ExitCode);
    }

    private static async Task<Conversation> StartWhenOnlineAsync(MsnpClient client, string account, Task listener)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.StartConversationAsync(account);
            }
            catch (MsnpException e) when (e.Code == MsnpErrorCode.PrincipalNotOnline && attempt < 50 && !listener.IsCompleted)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Retries <c>send</c> while the listener is still signing in (217), so the test does not race it.</summary>
    internal static async Task<(int ExitCode, string Output, string Error)> SendWhenOnlineAsync(
        Task listener, string[] args, Func<string[], Task<(int ExitCode, string Output, string Error)>>? run = null)
    {
        run ??= InProcess.RunAsync;
        for (var attempt = 0; ; attempt++)
        {
            var result = await run(args);
            if (result.ExitCode != ExitCodes.Unreachable || attempt == 50 || listener.IsCompleted)
            {
                return result;
            }

            await Task.Delay(200);
        }
    }
}
