using Msnp.Cli.Chat;
using Msnp.Cli.Tests.Support;
using Msnp.Client;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Tests.Chat;

/// <summary>The chat model without any terminal: typed lines in, events out, against a real server.</summary>
public sealed class ChatSessionTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Typing_shows_in_the_snapshot_until_the_message_arrives()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        var session = await StartAsync(server, Alice);

        await ExpectAsync(session, "/add bob@example.com", e => e is ChatEvent.PresenceChanged { Account: Bob, Status: PresenceStatus.Online });
        await ExpectAsync(session, "/open bob@example.com", e => e is ChatEvent.Notice { Text: "talking to bob@example.com" });
        Assert.Equal(Bob, session.Snapshot().Current);
        var conversation = await LibraryClient.NextAsync(bob.Conversations, _ => true, "the conversation");

        await conversation.SendTypingAsync();
        await NextAsync(session, e => e is ChatEvent.Typing { Account: Bob });
        Assert.Equal([Bob], session.Snapshot().Typing);

        await conversation.SendTextAsync("done typing");
        await NextAsync(session, e => e is ChatEvent.Received { From: Bob, Text: "done typing" });
        Assert.Empty(session.Snapshot().Typing);

        await session.SignOutAsync();
    }

    [Fact]
    public async Task Block_hides_the_user_and_refuses_invitations_and_unblock_undoes_it()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        await bob.Client.AddContactAsync(ListKind.Forward, Alice);
        var session = await StartAsync(server, Alice);
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Online, "alice online");

        await ExpectAsync(session, "/add bob@example.com", e => e is ChatEvent.Notice { Text: "added bob@example.com to your contacts" });
        await ExpectAsync(session, "/block bob@example.com", e => e is ChatEvent.Notice n && n.Text.StartsWith("blocked bob@example.com", StringComparison.Ordinal));
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Offline, "alice hidden from bob");
        var refused = await Assert.ThrowsAsync<MsnpException>(() => bob.StartAsync(Alice));
        // 217 by default: a blocked caller cannot tell "blocked" from "offline" (docs/limits.md).
        Assert.Equal(Msnp.Protocol.Errors.MsnpErrorCode.PrincipalNotOnline, refused.Code);
        Assert.Contains(session.Snapshot().Contacts, c => c.Account == Bob && c.Lists == (ListKind.Forward | ListKind.Block | ListKind.Reverse));

        await ExpectAsync(session, "/unblock bob@example.com", e => e is ChatEvent.Notice { Text: "unblocked bob@example.com" });
        await LibraryClient.NextAsync(bob.Presence, p => p.Account == Alice && p.Status == PresenceStatus.Online, "alice visible again");
        Assert.Contains(session.Snapshot().Contacts, c => c.Account == Bob && c.Lists == (ListKind.Forward | ListKind.Allow | ListKind.Reverse));

        await session.SignOutAsync();
    }

    [Fact]
    public async Task Server_refusals_and_mistakes_become_problems_and_the_session_goes_on()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var session = await StartAsync(server, Alice);

        await ExpectAsync(session, "hello?", e => e is ChatEvent.Problem { Text: "no conversation is open; /open EMAIL first" });
        await ExpectAsync(session, "/open bob@example.com", e => e is ChatEvent.Problem p && p.Text.StartsWith("217 ", StringComparison.Ordinal));
        await ExpectAsync(session, "/add nobody@example.com", e => e is ChatEvent.Problem p && p.Text.StartsWith("ADD failed: 205", StringComparison.Ordinal));
        await ExpectAsync(session, "/status dancing", e => e is ChatEvent.Problem p && p.Text.StartsWith("unknown status", StringComparison.Ordinal));
        await ExpectAsync(session, "/contacts", e => e is ChatEvent.ContactsListed { Contacts.Count: 0 });
        Assert.False(await session.ExecuteAsync("/quit", CancellationToken.None));

        await session.SignOutAsync();
        await NextAsync(session, e => e is ChatEvent.Notice { Text: "signed out" });
        Assert.False(await session.Events.WaitToReadAsync());
    }

    [Fact]
    public async Task The_contact_list_comes_from_sync_and_presence_updates_it()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var first = await StartAsync(server, Alice);
        await ExpectAsync(first, "/add bob@example.com", e => e is ChatEvent.Notice { Text: "added bob@example.com to your contacts" });
        await first.SignOutAsync();

        // A new sign-in lists Bob from SYN, offline, and sees him come online.
        var second = await StartAsync(server, Alice);
        var listed = (ChatEvent.ContactsListed)await NextAsync(second, e => e is ChatEvent.ContactsListed);
        Assert.Equal([new ChatContact(Bob, Bob, ListKind.Forward | ListKind.Allow, PresenceStatus.Offline)], listed.Contacts);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        await NextAsync(second, e => e is ChatEvent.PresenceChanged { Account: Bob, Status: PresenceStatus.Online });
        Assert.Equal(PresenceStatus.Online, Assert.Single(second.Snapshot().Contacts).Status);

        await bob.Client.SetStatusAsync(PresenceStatus.Busy);
        await NextAsync(second, e => e is ChatEvent.PresenceChanged { Account: Bob, Status: PresenceStatus.Busy });
        await bob.Client.SignOutAsync();
        await NextAsync(second, e => e is ChatEvent.PresenceChanged { Account: Bob, Status: PresenceStatus.Offline });

        await second.SignOutAsync();
    }

    [Fact]
    public async Task A_message_after_the_contact_left_invites_them_again()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        var session = await StartAsync(server, Alice);

        await ExpectAsync(session, "/open bob@example.com", e => e is ChatEvent.Notice { Text: "talking to bob@example.com" });
        var first = await LibraryClient.NextAsync(bob.Conversations, _ => true, "the first conversation");
        await first.LeaveAsync();
        await NextAsync(session, e => e is ChatEvent.Notice { Text: "bob@example.com left the conversation" });

        await ExpectAsync(session, "still there?", e => e is ChatEvent.Sent { To: Bob, Text: "still there?" });
        var message = await LibraryClient.NextAsync(bob.Messages, m => m.Content is TextMessage, "the message");
        Assert.Equal("still there?", ((TextMessage)message.Content).Text);

        await session.SignOutAsync();
    }

    [Fact]
    public async Task Being_added_is_announced_and_losing_the_server_ends_the_session()
    {
        var server = await TestServer.StartAsync();
        await using (server)
        {
            await ServerAccounts.CreateAsync(server, Alice, Bob);
            var session = await StartAsync(server, Alice);
            await using var bob = await LibraryClient.SignInAsync(server, Bob);

            await bob.Client.AddContactAsync(ListKind.Forward, Alice);
            await NextAsync(session, e => e is ChatEvent.Notice n && n.Text.StartsWith("bob@example.com added you to their contacts; /add bob@example.com", StringComparison.Ordinal));
            Assert.False(session.Ended.IsCompleted);

            await server.DisposeAsync();
            var end = await session.Ended.WaitAsync(Patience);
            Assert.Equal(ExitCodes.ConnectionFailed, end.ExitCode);
            Assert.True(session.EndedToken.IsCancellationRequested);
            await session.SignOutAsync();
        }
    }

    [Fact]
    public async Task A_contacts_display_picture_and_a_p2p_file_offer_show_in_the_transcript_and_the_offer_is_declined()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var picture = Msnp.Client.P2P.DisplayPicture.FromBytes([.. "GIF89a"u8, 1, 2, 3]);
        var bobOptions = LibraryClient.Options(server, Bob, Msnp.Protocol.Dialects.MsnpDialect.Msnp9) with { DisplayPicture = picture, ClientId = Msnp.Client.P2P.ContactCapabilities.P2PClientId };
        await using var bob = new MsnpClient(bobOptions);
        await bob.SignInAsync();
        await bob.SetStatusAsync(PresenceStatus.Online);
        var session = new ChatSession(new MsnpClient(LibraryClient.Options(server, Alice, Msnp.Protocol.Dialects.MsnpDialect.Msnp9)));
        await session.StartAsync(CancellationToken.None);

        await ExpectAsync(session, "/add bob@example.com", e => e is ChatEvent.Notice n && n.Text.Contains("has a display picture (9 bytes); msnp picture get bob@example.com", StringComparison.Ordinal));

        await using var conversation = await bob.StartConversationAsync(Alice);
        var offer = conversation.PeerToPeer.SendFileAsync(Alice, new MemoryStream([1, 2, 3]), "notes.txt", 3);
        await NextAsync(session, e => e is ChatEvent.Notice n && n.Text.Contains("offers the file \"notes.txt\" (3 bytes, P2P)", StringComparison.Ordinal));
        var declined = await Assert.ThrowsAsync<Msnp.Client.FileTransfer.FileTransferException>(() => offer);
        Assert.Equal(Msnp.Client.FileTransfer.FileTransferFailure.Declined, declined.Failure);

        await session.SignOutAsync();
    }

    private static async Task<ChatSession> StartAsync(TestServer server, string account)
    {
        var session = new ChatSession(new MsnpClient(LibraryClient.Options(server, account)));
        await session.StartAsync(CancellationToken.None);
        await NextAsync(session, e => e is ChatEvent.Notice n && n.Text.StartsWith($"signed in as {account}", StringComparison.Ordinal));
        return session;
    }

    private static async Task ExpectAsync(ChatSession session, string line, Func<ChatEvent, bool> match)
    {
        Assert.True(await session.ExecuteAsync(line, CancellationToken.None));
        await NextAsync(session, match);
    }

    /// <summary>Reads events until one matches; the ones before it are skipped.</summary>
    private static async Task<ChatEvent> NextAsync(ChatSession session, Func<ChatEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<ChatEvent>();
        try
        {
            while (true)
            {
                var next = await session.Events.ReadAsync(timeout.Token);
                if (match(next))
                {
                    return next;
                }

                seen.Add(next);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching event within {Patience}; saw: {string.Join("; ", seen)}");
        }
    }
}
