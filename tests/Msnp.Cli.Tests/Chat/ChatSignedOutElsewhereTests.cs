using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests.Chat;

/// <summary>A second sign-in of the same account ends <c>msnp chat</c> with <c>OUT OTH</c>, explained.</summary>
public sealed class ChatSignedOutElsewhereTests
{
    [Fact]
    public async Task Signing_in_elsewhere_ends_chat_with_an_explanation_and_exit_3()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com");
        await using var chat = ChatProcess.Start(null, ["chat", .. ServerAccounts.Trusted(server, "alice@example.com")]);
        await chat.WaitForLineAsync(l => l.StartsWith("* signed in as alice@example.com", StringComparison.Ordinal), "sign-in notice");

        await using var elsewhere = await LibraryClient.SignInAsync(server, "alice@example.com");

        Assert.Equal(ExitCodes.ConnectionFailed, await chat.WaitForExitAsync());
        Assert.Equal(
            "msnp chat: signed out by the server (OUT OTH): this account signed in somewhere else (another msnp chat or Messenger). An account has one session at a time and the newest wins; sign in again to take it back.",
            chat.Error.Trim());
    }
}
