using System.Globalization;
using System.Text;
using Msnp.Protocol.Dialects.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Msnp.Cli.Chat;

/// <summary>
/// What the terminal screen shows and how keys change it, without the terminal itself: the left
/// pane (conversations with unread counts, then contacts with live presence), the transcript of
/// the current conversation, and the input line. <see cref="TerminalChatView"/> feeds it events
/// and keys and draws <see cref="Build"/>; tests do the same with a console that writes to a string.
/// </summary>
internal sealed class ChatScreen
{
    private readonly ChatTranscripts _transcripts = new();
    private readonly TranscriptWindow _window = new();
    private readonly InputHistory _history = new();
    private readonly StringBuilder _input = new();
    private string? _shown;

    /// <summary>The per-conversation transcripts and unread counts.</summary>
    public ChatTranscripts Transcripts => _transcripts;

    /// <summary>Adds an event at local time <paramref name="now"/>; <paramref name="snapshot"/> says which conversation is current.</summary>
    public void Append(ChatEvent chatEvent, ChatSnapshot snapshot, DateTime now)
    {
        // Typing shows in the status line (the snapshot's typing list), not as transcript lines.
        if (chatEvent is ChatEvent.Typing)
        {
            return;
        }

        _transcripts.Add(chatEvent, snapshot.Current, now.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One key press. Returns a finished input line for the session to run, or null. Tab and
    /// Shift+Tab switch conversations at once (<see cref="ChatSession.Switch"/>); a printable key in
    /// text (not a /command) calls <paramref name="typing"/>, which announces typing.
    /// </summary>
    public string? Key(ConsoleKeyInfo key, ChatSession session, int height, Action typing)
    {
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                var line = _input.ToString();
                _history.Add(line);
                _input.Clear();
                return line;
            case ConsoleKey.Tab:
                Cycle(session, backwards: key.Modifiers.HasFlag(ConsoleModifiers.Shift));
                break;
            case ConsoleKey.UpArrow:
                if (_history.Older() is { } older)
                {
                    _input.Clear().Append(older);
                }

                break;
            case ConsoleKey.DownArrow:
                _input.Clear().Append(_history.Newer());
                break;
            case ConsoleKey.PageUp:
                _window.ScrollUp(TranscriptHeight(height) - 1);
                break;
            case ConsoleKey.PageDown:
                _window.ScrollDown(TranscriptHeight(height) - 1);
                break;
            case ConsoleKey.Backspace:
                if (_input.Length > 0)
                {
                    _input.Length--;
                }

                break;
            case ConsoleKey.Escape:
                _input.Clear();
                break;
            default:
                if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar) && _input.Length < LineReader.MaxLineLength)
                {
                    _input.Append(key.KeyChar);
                    if (_input[0] != '/')
                    {
                        typing();
                    }
                }

                break;
        }

        return null;
    }

    /// <summary>The whole screen for a terminal <paramref name="width"/> by <paramref name="height"/>; the current conversation counts as read.</summary>
    public IRenderable Build(ChatSnapshot snapshot, int width, int height)
    {
        if (!string.Equals(_shown, snapshot.Current, StringComparison.OrdinalIgnoreCase))
        {
            // Another conversation: start at its newest line.
            _shown = snapshot.Current;
            _window.ScrollDown(int.MaxValue);
        }

        _transcripts.MarkRead(snapshot.Current);
        var paneWidth = ContactsWidth(width);
        var lines = _transcripts.Lines(snapshot.Current);

        // Rows are wrapped here, so each is exactly one terminal row and the newest stays visible.
        var visible = _window.Visible([.. lines.Select(l => l.Text)], Math.Max(width - paneWidth - 4, 1), TranscriptHeight(height));
        var transcript = new Rows(visible.Select(row => new Text(row.Row, Style.Parse(StyleOf(lines[row.Line].Event))) { Overflow = Overflow.Crop }));
        var typing = snapshot.Typing.Count == 0 ? string.Empty : $"[grey]{Markup.Escape(string.Join(", ", snapshot.Typing))} typing...[/]  ";
        var scrolled = _window.Offset > 0 ? $" [yellow](scrolled back {_window.Offset} rows; PgDn)[/]" : string.Empty;
        var elsewhere = _transcripts.WithUnread.Sum(_transcripts.Unread);
        var unread = elsewhere > 0 ? $" [yellow]({elsewhere} new elsewhere; Tab)[/]" : string.Empty;

        return new Layout("root").SplitRows(
            new Layout("main").SplitColumns(
                new Layout("contacts").Size(paneWidth).Update(new Panel(LeftPane(snapshot))
                    .Header($"{Markup.Escape(snapshot.Account)} [{Colour(snapshot.Status)}]{ChatTranscriptFormat.Status(snapshot.Status)}[/]")
                    .Expand()),
                new Layout("chat").Update(new Panel(transcript)
                    .Header((snapshot.Current is { } with ? $"talking to {Markup.Escape(with)}" : "no conversation: /open EMAIL, /help") + unread + scrolled)
                    .Expand())),
            new Layout("input").Size(3).Update(new Panel(new Markup($"{typing}> {Markup.Escape(_input.ToString())}_")).Expand()));
    }

    // The contact pane takes a quarter of the width, between 16 and 42 columns.
    private static int ContactsWidth(int width) => Math.Clamp(width / 4, 16, 42);

    // Panel borders take two rows and two columns; the input panel three rows.
    private static int TranscriptHeight(int height) => Math.Max(height - 5, 1);

    /// <summary>Tab: the next conversation in the order they were opened (Shift+Tab: the one before), wrapping around.</summary>
    private static void Cycle(ChatSession session, bool backwards)
    {
        var snapshot = session.Snapshot();
        var order = snapshot.Conversations;
        if (order.Count == 0)
        {
            return;
        }

        var at = snapshot.Current is { } current ? IndexOf(order, current) : -1;
        var next = at < 0
            ? (backwards ? order.Count - 1 : 0)
            : (at + (backwards ? order.Count - 1 : 1)) % order.Count;
        session.Switch(order[next]);
    }

    private static int IndexOf(IReadOnlyList<string> order, string account)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], account, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Conversations (the current one marked, unread counts) above the contacts.</summary>
    private Rows LeftPane(ChatSnapshot snapshot)
    {
        var rows = new List<IRenderable>();
        var conversations = snapshot.Conversations
            .Concat(_transcripts.WithUnread.Where(u => IndexOf(snapshot.Conversations, u) < 0))
            .ToList();
        if (conversations.Count > 0)
        {
            rows.Add(new Markup("[bold]conversations[/] [grey](Tab)[/]"));
            foreach (var account in conversations)
            {
                var current = string.Equals(account, snapshot.Current, StringComparison.OrdinalIgnoreCase);
                var count = _transcripts.Unread(account);
                rows.Add(new Markup(
                    (current ? "[bold]> " : "[default]  ") + Markup.Escape(account) + "[/]"
                    + (count > 0 ? $" [yellow bold]{count} new[/]" : string.Empty)));
            }

            rows.Add(new Text(string.Empty));
        }

        var contacts = new Table().Border(TableBorder.None).HideHeaders().AddColumn(string.Empty).AddColumn(string.Empty);
        foreach (var contact in snapshot.Contacts.Where(c => c.Lists.Contains(ListKind.Forward)))
        {
            var marker = contact.Lists.Contains(ListKind.Block) ? " [red](blocked)[/]" : string.Empty;
            var current = string.Equals(contact.Account, snapshot.Current, StringComparison.OrdinalIgnoreCase) ? "[underline]" : "[default]";
            contacts.AddRow(
                $"[{Colour(contact.Status)}]●[/]",
                $"{current}{Markup.Escape(ChatTranscriptFormat.Who(contact.Account, contact.Name))}[/] [{Colour(contact.Status)}]{ChatTranscriptFormat.Status(contact.Status)}[/]{marker}");
        }

        rows.Add(contacts);
        return new Rows(rows);
    }

    private static string StyleOf(ChatEvent chatEvent) => chatEvent switch
    {
        ChatEvent.Problem => "red",
        ChatEvent.Received => "bold",
        ChatEvent.Sent => "blue",
        _ => "grey",
    };

    private static string Colour(PresenceStatus status) => status switch
    {
        PresenceStatus.Online => "green",
        PresenceStatus.Busy or PresenceStatus.OnThePhone => "red",
        PresenceStatus.Offline or PresenceStatus.Hidden => "grey",
        _ => "yellow",
    };
}
