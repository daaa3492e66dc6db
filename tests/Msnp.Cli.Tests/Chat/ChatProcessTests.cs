using System.Diagnostics;
using Msnp.Cli.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Tests.Chat;

/// <summary><c>msnp chat</c> as a process, typed at through a pipe, with a library client on the other side.</summary>
public sealed class ChatProcessTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    [Theory]
    [InlineData("MSNP8")]
    [InlineData("MSNP18")]
    public async Task Chat_talks_both_ways_shows_presence_and_typing_changes_status_and_signs_out_cleanly(string version)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        await bob.Client.AddContactAsync(ListKind.Forward, Alice);

        // At MSNP18 the list comes from the address book and /add goes through ABContactAdd + ADL.
        await using var chat = ChatProcess.Start(null, ["chat", .. ServerAccounts.Trusted(server, Alice), "--version", version]);
        await chat.WaitForLineAsync(l => l.StartsWith($"* signed in as {Alice}", StringComparison.Ordinal) && l.Contains(version, StringComparison.Ordinal), "sign-in notice");
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Online, "alice online");

        // The ILN after ADD shows Bob online in the list.
        await chat.TypeAsync($"/add {Bob}");
        await chat.WaitForLineAsync($"* added {Bob} to your contacts");
        await chat.WaitForLineAsync($"* {Bob} is online");

        await chat.TypeAsync("/status away");
        await chat.WaitForLineAsync("* you are now away");
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Away, "alice away");

        await chat.TypeAsync($"/open {Bob}");
        await chat.WaitForLineAsync($"* talking to {Bob}");
        var conversation = await LibraryClient.NextAsync(bob.Conversations, _ => true, "bob's conversation");

        await chat.TypeAsync("hello bob, ça va?");
        await chat.WaitForLineAsync($"you -> {Bob}: hello bob, ça va?");
        var received = await LibraryClient.NextAsync(bob.Messages, m => m.Content is TextMessage, "alice's message");
        Assert.Equal((Alice, "hello bob, ça va?"), (received.Sender, ((TextMessage)received.Content).Text));

        await chat.TypeAsync("/typing");
        var typing = await LibraryClient.NextAsync(bob.Messages, m => m.Content is TypingNotification, "alice typing");
        Assert.Equal(Alice, ((TypingNotification)typing.Content).TypingUser);

        await conversation.SendTypingAsync();
        await chat.WaitForLineAsync($"* {Bob} is typing");
        await conversation.SendTextAsync("fine, and you?");
        await chat.WaitForLineAsync($"{Bob}: fine, and you?");

        await chat.TypeAsync("/quit");
        Assert.True(await chat.WaitForExitAsync() == ExitCodes.Success, chat.Error);
        Assert.Contains("* signed out", chat.Transcript, StringComparison.Ordinal);
        Assert.Empty(chat.Error);

        // A clean leave is BYE without the timeout flag; a clean sign-out takes Alice offline.
        var left = await LibraryClient.NextAsync(bob.Left, _ => true, "alice leaving");
        Assert.Equal((Alice, false), (left.Account, left.TimedOut));
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Offline, "alice offline");
    }

    [Fact]
    public async Task Chat_answers_an_invitation_and_the_end_of_input_signs_out()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        var environment = new Dictionary<string, string?> { ["MSNP_PASSWORD"] = ServerAccounts.Password };

        await using var chat = ChatProcess.Start(environment, ["chat", .. ServerAccounts.Trusted(server, Alice, password: null), "--version", "MSNP7"]);
        await chat.WaitForLineAsync(l => l.StartsWith($"* signed in as {Alice}", StringComparison.Ordinal) && l.Contains("MSNP7", StringComparison.Ordinal), "sign-in notice");

        var conversation = await StartWhenOnlineAsync(bob, Alice);
        await chat.WaitForLineAsync(l => l.StartsWith($"* {Bob}", StringComparison.Ordinal) && l.EndsWith($"opened a conversation; talking to {Bob}", StringComparison.Ordinal), "the invitation");
        await conversation.SendTextAsync("are you there?");
        await chat.WaitForLineAsync($"{Bob}: are you there?");

        await chat.TypeAsync("yes");
        await chat.WaitForLineAsync($"you -> {Bob}: yes");
        var reply = await LibraryClient.NextAsync(bob.Messages, m => m.Content is TextMessage, "the reply");
        Assert.Equal("yes", ((TextMessage)reply.Content).Text);

        chat.CloseInput();
        Assert.True(await chat.WaitForExitAsync() == ExitCodes.Success, chat.Error);
        Assert.Equal(Alice, (await LibraryClient.NextAsync(bob.Left, _ => true, "alice leaving")).Account);
    }

    [Fact]
    public async Task Ctrl_c_signs_out_cleanly()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        await bob.Client.AddContactAsync(ListKind.Forward, Alice);

        await using var chat = ChatProcess.Start(null, ["chat", .. ServerAccounts.Trusted(server, Alice)]);
        await chat.WaitForLineAsync(l => l.StartsWith($"* signed in as {Alice}", StringComparison.Ordinal), "sign-in notice");
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Online, "alice online");

        using (var kill = Process.Start("kill", ["-INT", chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await chat.WaitForExitAsync() == ExitCodes.Success, chat.Error);
        Assert.Contains("* signed out", chat.Transcript, StringComparison.Ordinal);
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Offline, "alice offline");
    }

    [Fact]
    public async Task A_wrong_password_exits_with_the_sign_in_code()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice);

        await using var chat = ChatProcess.Start(null, ["chat", .. ServerAccounts.Trusted(server, Alice, password: "wrong")]);

        Assert.Equal(ExitCodes.SignInFailed, await chat.WaitForExitAsync());
        Assert.Empty(chat.Transcript);
        Assert.StartsWith("msnp chat: sign-in failed", chat.Error, StringComparison.Ordinal);
    }

    private static async Task<Msnp.Client.Conversations.Conversation> StartWhenOnlineAsync(LibraryClient client, string account)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.StartAsync(account);
            }
            catch (Msnp.Client.MsnpException e) when (e.Code == Msnp.Protocol.Errors.MsnpErrorCode.PrincipalNotOnline && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }
}
