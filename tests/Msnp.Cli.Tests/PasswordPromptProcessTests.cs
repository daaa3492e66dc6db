using Msnp.Cli.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>send</c>, <c>listen</c> and <c>chat</c> without <c>--password</c> or <c>MSNP_PASSWORD</c>: on a
/// terminal (a pseudo-terminal from util-linux <c>script</c>) they ask without echo and sign in with
/// what was typed; with standard input redirected they never read a password from it and stop
/// with a usage error.
/// </summary>
public sealed class PasswordPromptProcessTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private static readonly Dictionary<string, string?> NoPassword = new() { ["MSNP_PASSWORD"] = null };

    [Fact]
    public async Task Send_asks_for_the_password_without_echo_and_signs_in_with_it()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);

        var (code, screen) = await Pty.RunAsync(
            [($"Password for {Alice}: ", $"{ServerAccounts.Password}\r")],
            NoPassword,
            ["send", .. ServerAccounts.Trusted(server, Alice, password: null), Bob, "typed at the prompt"]);

        Assert.True(code == ExitCodes.Success, screen);
        Assert.DoesNotContain(ServerAccounts.Password, screen, StringComparison.Ordinal);
        var message = await LibraryClient.NextAsync(bob.Messages, m => m.Content is TextMessage, "the message");
        Assert.Equal("typed at the prompt", ((TextMessage)message.Content).Text);
    }

    [Fact]
    public async Task A_wrong_password_typed_at_the_prompt_is_a_sign_in_failure()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);

        var (code, screen) = await Pty.RunAsync(
            [($"Password for {Alice}: ", "not the password\r")],
            NoPassword,
            ["send", .. ServerAccounts.Trusted(server, Alice, password: null), Bob, "hello"]);

        Assert.True(code == ExitCodes.SignInFailed, screen);
        Assert.DoesNotContain("not the password", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_asks_for_the_password_and_receives()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var alice = await LibraryClient.SignInAsync(server, Alice);
        await alice.Client.AddContactAsync(ListKind.Forward, Bob);

        var (code, screen) = await Pty.RunAsync(
            [
                ($"Password for {Bob}: ", () => Task.FromResult($"{ServerAccounts.Password}\r")),
                (string.Empty, async () =>
                {
                    // Listen is signed in once Bob shows up online for Alice.
                    await LibraryClient.NextAsync(alice.Presence, p => p.Account == Bob && p.Status == PresenceStatus.Online, "bob online");
                    var conversation = await alice.StartAsync(Bob);
                    await conversation.SendTextAsync("for the listener");
                    return string.Empty;
                }),
            ],
            NoPassword,
            ["listen", .. ServerAccounts.Trusted(server, Bob, password: null), "--count", "1", "--timeout", "60"]);

        Assert.True(code == ExitCodes.Success, screen);
        Assert.Contains("""{"from":"alice@example.com","text":"for the listener",""", screen, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerAccounts.Password, screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_asks_for_the_password_and_signs_in()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice);

        var (code, screen) = await Pty.RunAsync(
            [($"Password for {Alice}: ", $"{ServerAccounts.Password}\r"), ($"* signed in as {Alice}", "/quit\r")],
            NoPassword,
            ["chat", "--plain", .. ServerAccounts.Trusted(server, Alice, password: null)]);

        Assert.True(code == ExitCodes.Success, screen);
        Assert.DoesNotContain(ServerAccounts.Password, screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send", Bob, "hello")]
    [InlineData("listen", "--count", "1")]
    [InlineData("chat")]
    public async Task With_standard_input_redirected_the_password_is_not_read_from_it(params string[] verb)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice);
        using var directory = new TemporaryDirectory();
        var input = Path.Combine(directory.Path, "input");
        await File.WriteAllTextAsync(input, ServerAccounts.Password + "\n");

        // Standard input is a file; output and error are still the terminal.
        var (code, screen) = await Pty.RunAsync(
            [],
            NoPassword,
            input,
            [verb[0], .. ServerAccounts.Trusted(server, Alice, password: null), .. verb[1..]]);

        Assert.True(code == ExitCodes.Usage, screen);
        Assert.Contains($"msnp {verb[0]}: --password is required (or set MSNP_PASSWORD).", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Password for", screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send", Bob, "hello")]
    [InlineData("listen")]
    [InlineData("chat")]
    public async Task Without_a_terminal_a_missing_password_is_a_usage_error(params string[] verb)
    {
        await using var server = await TestServer.StartAsync();

        var (code, output, error) = await MsnpProcess.RunAsync(NoPassword, "secret\n"u8.ToArray(), [verb[0], .. ServerAccounts.Trusted(server, Alice, password: null), .. verb[1..]]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"msnp {verb[0]}: --password is required (or set MSNP_PASSWORD).\n", error);
    }
}
