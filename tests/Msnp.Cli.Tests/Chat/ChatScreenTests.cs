using Msnp.Cli.Chat;
using Msnp.Cli.Tests.Support;
using Msnp.Client;
using Msnp.Protocol.Messages;
using Spectre.Console;

namespace Msnp.Cli.Tests.Chat;

/// <summary>
/// The chat screen (what <c>msnp chat</c> draws on a terminal) fed by a real session against a real
/// server, with two contacts writing at once: rendered to text as the terminal would show it.
/// </summary>
public sealed class ChatScreenTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";
    private const int Width = 160;
    private const int Height = 30;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly ConsoleKeyInfo Tab = new('\t', ConsoleKey.Tab, shift: false, alt: false, control: false);
    private static readonly ConsoleKeyInfo ShiftTab = new('\t', ConsoleKey.Tab, shift: true, alt: false, control: false);

    [Fact]
    public async Task Each_conversation_has_its_own_transcript_and_unread_count_and_tab_switches_between_them()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob, Carol);
        await using var bob = await LibraryClient.SignInAsync(server, Bob);
        await using var carol = await LibraryClient.SignInAsync(server, Carol);
        var session = new ChatSession(new MsnpClient(LibraryClient.Options(server, Alice)));
        await session.StartAsync(CancellationToken.None);
        var screen = new ChatScreen();

        // Bob writes first: his conversation becomes the current one.
        var withBob = await bob.StartAsync(Alice);
        await withBob.SendTextAsync("hello from bob");
        await PumpAsync(session, screen, e => e is ChatEvent.Received { From: Bob });

        // Carol writes twice while Bob's conversation is on screen.
        var withCarol = await carol.StartAsync(Alice);
        await withCarol.SendTextAsync("one from carol");
        await withCarol.SendTextAsync("two from carol");
        await PumpAsync(session, screen, e => e is ChatEvent.Received { From: Carol, Text: "two from carol" });

        Assert.Equal(Bob, session.Snapshot().Current);
        Assert.Equal([Bob, Carol], session.Snapshot().Conversations);
        var shown = Render(screen, session);
        Assert.Contains("talking to bob@example.com (2 new elsewhere; Tab)", shown, StringComparison.Ordinal);
        Assert.Contains("> bob@example.com", shown, StringComparison.Ordinal);
        Assert.Contains("  carol@example.com 2 new", shown, StringComparison.Ordinal);
        Assert.Contains("bob@example.com: hello from bob", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("from carol", shown, StringComparison.Ordinal);
        Assert.Equal(2, screen.Transcripts.Unread(Carol));
        Assert.Equal(0, screen.Transcripts.Unread(Bob));

        // Tab: Carol's transcript, her marker gone; a typed line goes to her.
        Assert.Null(screen.Key(Tab, session, Height, () => { }));
        Assert.Equal(Carol, session.Snapshot().Current);
        shown = Render(screen, session);
        Assert.Contains("talking to carol@example.com", shown, StringComparison.Ordinal);
        Assert.Contains("carol@example.com: one from carol", shown, StringComparison.Ordinal);
        Assert.Contains("carol@example.com: two from carol", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("hello from bob", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(" new", shown, StringComparison.Ordinal);
        Assert.Equal(0, screen.Transcripts.Unread(Carol));

        var typed = Type(screen, session, "hi carol");
        Assert.True(await session.ExecuteAsync(typed, CancellationToken.None));
        await PumpAsync(session, screen, e => e is ChatEvent.Sent { To: Carol });
        var reply = await LibraryClient.NextAsync(carol.Messages, m => m.Content is TextMessage, "alice's reply");
        Assert.Equal("hi carol", ((TextMessage)reply.Content).Text);

        // Bob writes while Carol's conversation is shown: his count goes up, Carol's transcript stays hers.
        await withBob.SendTextAsync("are you there?");
        await PumpAsync(session, screen, e => e is ChatEvent.Received { From: Bob, Text: "are you there?" });
        shown = Render(screen, session);
        Assert.Contains("  bob@example.com 1 new", shown, StringComparison.Ordinal);
        Assert.Contains("you -> carol@example.com: hi carol", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("are you there?", shown, StringComparison.Ordinal);

        // Shift+Tab goes back to Bob: both his messages, none of Carol's.
        screen.Key(ShiftTab, session, Height, () => { });
        shown = Render(screen, session);
        Assert.Contains("talking to bob@example.com", shown, StringComparison.Ordinal);
        Assert.Contains("bob@example.com: hello from bob", shown, StringComparison.Ordinal);
        Assert.Contains("bob@example.com: are you there?", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("from carol", TranscriptText(screen, Bob), StringComparison.Ordinal);
        Assert.Equal(0, screen.Transcripts.Unread(Bob));

        await session.SignOutAsync();
    }

    [Fact]
    public void Session_wide_lines_go_to_the_transcript_on_screen_and_only_messages_count_as_unread()
    {
        var transcripts = new ChatTranscripts();
        transcripts.Add(new ChatEvent.Notice("signed in"), shown: null, "10:00");
        transcripts.Add(new ChatEvent.Notice("bob@example.com is in the conversation") { Conversation = Bob }, shown: Carol, "10:01");
        transcripts.Add(new ChatEvent.Received(Bob, "Bob", "hi") { Conversation = Bob }, shown: Carol, "10:01");
        transcripts.Add(new ChatEvent.Problem("unknown command '/x'"), shown: Carol, "10:02");

        Assert.Equal(["10:00 * signed in"], transcripts.Lines(null).Select(l => l.Text));
        Assert.Equal(["10:01 * bob@example.com is in the conversation", "10:01 bob@example.com: hi"], transcripts.Lines(Bob).Select(l => l.Text));
        Assert.Equal(["10:02 ! unknown command '/x'"], transcripts.Lines(Carol).Select(l => l.Text));
        Assert.Equal(1, transcripts.Unread(Bob));
        Assert.Equal([Bob], transcripts.WithUnread);

        transcripts.MarkRead(Bob);
        Assert.Equal(0, transcripts.Unread(Bob));
        Assert.Empty(transcripts.WithUnread);
    }

    private static string Type(ChatScreen screen, ChatSession session, string text)
    {
        foreach (var c in text)
        {
            Assert.Null(screen.Key(new ConsoleKeyInfo(c, c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.A, false, false, false), session, Height, () => { }));
        }

        return screen.Key(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false), session, Height, () => { })
            ?? throw new InvalidOperationException("Enter gave no line");
    }

    private static string TranscriptText(ChatScreen screen, string conversation) =>
        string.Join('\n', screen.Transcripts.Lines(conversation).Select(l => l.Text));

    /// <summary>Draws the screen as a terminal of <see cref="Width"/> by <see cref="Height"/> without colours, as text.</summary>
    private static string Render(ChatScreen screen, ChatSession session)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.Profile.Height = Height;
        console.Write(screen.Build(session.Snapshot(), Width, Height));
        return writer.ToString();
    }

    /// <summary>Feeds the session's events to the screen, as the terminal view does, until one matches.</summary>
    private static async Task PumpAsync(ChatSession session, ChatScreen screen, Func<ChatEvent, bool> until)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<ChatEvent>();
        try
        {
            while (true)
            {
                var next = await session.Events.ReadAsync(timeout.Token);
                screen.Append(next, session.Snapshot(), DateTime.Now);
                seen.Add(next);
                if (until(next))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching event within {Patience}; saw: {string.Join("; ", seen)}");
        }
    }
}
