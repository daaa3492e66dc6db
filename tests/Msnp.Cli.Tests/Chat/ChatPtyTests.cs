using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests.Chat;

/// <summary><c>msnp chat</c> as a real process on a pseudo-terminal, as a person runs it.</summary>
public sealed class ChatPtyTests
{
    [Fact]
    public async Task Chat_plain_on_a_terminal_answers_commands()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com");

        var (code, screen) = await Pty.RunAsync(
            [("* no contacts yet", "/help\r"), ("/quit            sign out", "/quit\r")],
            null,
            ["chat", "--plain", .. ServerAccounts.Trusted(server, "alice@example.com")]);

        Assert.True(code == 0, screen);
        Assert.Contains("* /open EMAIL      start or switch to a conversation", screen, StringComparison.Ordinal);
        Assert.Contains("* signed out", screen, StringComparison.Ordinal);
    }
}
