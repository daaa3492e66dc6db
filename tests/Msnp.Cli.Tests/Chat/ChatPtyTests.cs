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

    [Fact]
    public async Task The_terminal_screen_answers_commands_and_restores_the_screen_on_exit()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com");

        var (code, screen) = await Pty.RunAsync(
            [("no conversation", "/help\r"), ("/quit", "/quit\r")],
            null,
            ["chat", .. ServerAccounts.Trusted(server, "alice@example.com")]);

        Assert.True(code == 0, screen);
        Assert.Contains("\u001b[?1049h", screen, StringComparison.Ordinal);
        Assert.Contains("start or switch to a conversation", screen, StringComparison.Ordinal);
        Assert.True(screen.LastIndexOf("\u001b[?1049l", StringComparison.Ordinal) > screen.IndexOf("\u001b[?1049h", StringComparison.Ordinal), "the alternate screen is left on exit");
        Assert.Matches(@"\d\d:\d\d \* signed in as alice@example.com", screen);
    }

    [Fact]
    public async Task Messages_from_a_second_contact_are_counted_as_unread_and_tab_shows_their_conversation()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, "alice@example.com", "bob@example.com", "carol@example.com");
        await using var bob = await LibraryClient.SignInAsync(server, "bob@example.com");
        await using var carol = await LibraryClient.SignInAsync(server, "carol@example.com");
        await bob.Client.AddContactAsync(Msnp.Protocol.Dialects.Model.ListKind.Forward, "alice@example.com");

        var (code, screen) = await Pty.RunAsync(
            [
                ("no conversation", async () =>
                {
                    await LibraryClient.NextAsync(bob.Presence, p => p.Account == "alice@example.com" && p.Status == Msnp.Protocol.Dialects.Model.PresenceStatus.Online, "alice online");
                    var withBob = await bob.StartAsync("alice@example.com");
                    await withBob.SendTextAsync("hello from bob");
                    return string.Empty;
                }),
                ("hello from bob", async () =>
                {
                    var withCarol = await carol.StartAsync("alice@example.com");
                    await withCarol.SendTextAsync("one from carol");
                    await withCarol.SendTextAsync("two from carol");
                    return string.Empty;
                }),
                ("2 new", () => Task.FromResult("\t")),
                ("talking to carol@example.com", () => Task.FromResult("/quit\r")),
            ],
            null,
            ["chat", .. ServerAccounts.Trusted(server, "alice@example.com")]);

        Assert.True(code == 0, screen);

        // Until Tab, Bob's conversation was on screen without Carol's lines; after it, Carol's.
        var switched = screen.IndexOf("talking to carol@example.com", StringComparison.Ordinal);
        Assert.DoesNotContain("from carol", screen[..switched], StringComparison.Ordinal);
        Assert.Contains("one from carol", screen[switched..], StringComparison.Ordinal);
        Assert.Contains("two from carol", screen[switched..], StringComparison.Ordinal);
    }
}
