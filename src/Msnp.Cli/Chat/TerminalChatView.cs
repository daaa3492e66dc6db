using System.Text;
using System.Threading.Channels;
using Msnp.Protocol.Dialects.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Msnp.Cli.Chat;

/// <summary>
/// The interactive screen: contacts with live presence on the left, the transcript on the right,
/// the typing indicator and the input line below. Keys are read one at a time so typing can be
/// announced; typed lines go to the session one after another, as in the plain view.
/// </summary>
internal sealed class TerminalChatView(IAnsiConsole console) : IChatView
{
    private const int TranscriptLimit = 500;
    private const string EnterAlternateScreen = "\u001b[?1049h\u001b[H";
    private const string LeaveAlternateScreen = "\u001b[?1049l";
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);

    private readonly List<string> _transcript = [];
    private readonly List<string> _styles = [];
    private readonly TranscriptWindow _window = new();
    private readonly InputHistory _history = new();
    private readonly StringBuilder _input = new();
    private readonly Channel<object> _ui = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _forwarding;

    public async Task RunAsync(ChatSession session, CancellationToken stop)
    {
        _forwarding ??= ForwardEventsAsync(session);
        StartKeyReader();
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var executing = ExecuteAsync(session, lines.Reader, quit);

        // The chat draws on the terminal's alternate screen, so the shell's screen comes back on exit.
        console.Write(new ControlCode(EnterAlternateScreen));
        try
        {
            await RunLiveAsync(session, lines.Writer, quit).ConfigureAwait(false);
        }
        finally
        {
            console.Write(new ControlCode(LeaveAlternateScreen));
        }

        lines.Writer.TryComplete();
        await executing.ConfigureAwait(false);
    }

    private async Task RunLiveAsync(ChatSession session, ChannelWriter<string> lines, CancellationTokenSource quit)
    {
        await console.Live(Build(session.Snapshot()))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Crop)
            .StartAsync(async context =>
            {
                while (!quit.IsCancellationRequested)
                {
                    while (_ui.Reader.TryRead(out var item))
                    {
                        switch (item)
                        {
                            case ChatEvent chatEvent:
                                Append(chatEvent);
                                break;
                            case ConsoleKeyInfo key:
                                OnKey(key, session, lines, quit.Token);
                                break;
                        }
                    }

                    context.UpdateTarget(Build(session.Snapshot()));
                    context.Refresh();

                    // Redraw at least every second so the typing indicator expires on time.
                    using var wake = CancellationTokenSource.CreateLinkedTokenSource(quit.Token);
                    wake.CancelAfter(RedrawInterval);
                    try
                    {
                        await _ui.Reader.WaitToReadAsync(wake.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }).ConfigureAwait(false);
    }

    public async Task FinishAsync(ChatSession session)
    {
        _forwarding ??= ForwardEventsAsync(session);
        await _forwarding.ConfigureAwait(false);
        while (_ui.Reader.TryRead(out var item))
        {
            if (item is ChatEvent chatEvent)
            {
                foreach (var line in ChatTranscriptFormat.Lines(chatEvent))
                {
                    console.WriteLine(line);
                }
            }
        }
    }

    private static async Task ExecuteAsync(ChatSession session, ChannelReader<string> lines, CancellationTokenSource quit)
    {
        try
        {
            await foreach (var line in lines.ReadAllAsync(quit.Token).ConfigureAwait(false))
            {
                if (!await session.ExecuteAsync(line, quit.Token).ConfigureAwait(false))
                {
                    await quit.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (quit.IsCancellationRequested)
        {
        }
    }

    private async Task ForwardEventsAsync(ChatSession session)
    {
        await foreach (var chatEvent in session.Events.ReadAllAsync().ConfigureAwait(false))
        {
            _ui.Writer.TryWrite(chatEvent);
        }
    }

    private void StartKeyReader()
    {
        // ReadKey blocks and cannot be cancelled; the thread ends with the process.
        var thread = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    _ui.Writer.TryWrite(Console.ReadKey(intercept: true));
                }
            }
            catch (InvalidOperationException)
            {
                // Input stopped being a console.
            }
        })
        { IsBackground = true, Name = "msnp chat keys" };
        thread.Start();
    }

    private void OnKey(ConsoleKeyInfo key, ChatSession session, ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                _history.Add(_input.ToString());
                lines.TryWrite(_input.ToString());
                _input.Clear();
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
                _window.ScrollUp(TranscriptHeight() - 1);
                break;
            case ConsoleKey.PageDown:
                _window.ScrollDown(TranscriptHeight() - 1);
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
                        _ = AnnounceTypingAsync(session, cancellationToken);
                    }
                }

                break;
        }
    }

    private static async Task AnnounceTypingAsync(ChatSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.NotifyTypingAsync(force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Sessions.SessionFailure.IsExpected(e))
        {
            // A lost typing notification is harmless; the message itself reports failures.
        }
    }

    private void Append(ChatEvent chatEvent)
    {
        // Typing shows in the status line (the snapshot's typing list), not as transcript lines.
        if (chatEvent is ChatEvent.Typing)
        {
            return;
        }

        var time = DateTime.Now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var line in ChatTranscriptFormat.Lines(chatEvent))
        {
            _transcript.Add($"{time} {line}");
            _styles.Add(chatEvent switch
            {
                ChatEvent.Problem => "red",
                ChatEvent.Received => "bold",
                ChatEvent.Sent => "blue",
                _ => "grey",
            });
        }

        if (_transcript.Count > TranscriptLimit)
        {
            _transcript.RemoveRange(0, _transcript.Count - TranscriptLimit);
            _styles.RemoveRange(0, _styles.Count - TranscriptLimit);
        }
    }

    // The contact pane takes a quarter of the width, between 16 and 42 columns.
    private int ContactsWidth() => Math.Clamp(console.Profile.Width / 4, 16, 42);

    // Panel borders take two rows and two columns; the input panel three rows.
    private int TranscriptHeight() => Math.Max(console.Profile.Height - 5, 1);

    private int TranscriptWidth() => Math.Max(console.Profile.Width - ContactsWidth() - 4, 1);

    private IRenderable Build(ChatSnapshot snapshot)
    {
        var contacts = new Table().Border(TableBorder.None).HideHeaders().AddColumn(string.Empty).AddColumn(string.Empty);
        foreach (var contact in snapshot.Contacts.Where(c => c.Lists.Contains(ListKind.Forward)))
        {
            var marker = contact.Lists.Contains(ListKind.Block) ? " [red](blocked)[/]" : string.Empty;
            var current = string.Equals(contact.Account, snapshot.Current, StringComparison.OrdinalIgnoreCase) ? "[underline]" : "[default]";
            contacts.AddRow(
                $"[{Colour(contact.Status)}]●[/]",
                $"{current}{Markup.Escape(ChatTranscriptFormat.Who(contact.Account, contact.Name))}[/] [{Colour(contact.Status)}]{ChatTranscriptFormat.Status(contact.Status)}[/]{marker}");
        }

        // Rows are wrapped here, so each is exactly one terminal row and the newest stays visible.
        var visible = _window.Visible(_transcript, TranscriptWidth(), TranscriptHeight());
        var transcript = new Rows(visible.Select(row => new Text(row.Row, Style.Parse(_styles[row.Line])) { Overflow = Overflow.Crop }));
        var typing = snapshot.Typing.Count == 0 ? string.Empty : $"[grey]{Markup.Escape(string.Join(", ", snapshot.Typing))} typing...[/]  ";
        var scrolled = _window.Offset > 0 ? $" [yellow](scrolled back {_window.Offset} rows; PgDn)[/]" : string.Empty;

        var root = new Layout("root").SplitRows(
            new Layout("main").SplitColumns(
                new Layout("contacts").Size(ContactsWidth()).Update(new Panel(contacts)
                    .Header($"{Markup.Escape(snapshot.Account)} [{Colour(snapshot.Status)}]{ChatTranscriptFormat.Status(snapshot.Status)}[/]")
                    .Expand()),
                new Layout("chat").Update(new Panel(transcript)
                    .Header((snapshot.Current is { } with ? $"talking to {Markup.Escape(with)}" : "no conversation: /open EMAIL, /help") + scrolled)
                    .Expand())),
            new Layout("input").Size(3).Update(new Panel(new Markup($"{typing}> {Markup.Escape(_input.ToString())}_")).Expand()));
        return root;
    }

    private static string Colour(PresenceStatus status) => status switch
    {
        PresenceStatus.Online => "green",
        PresenceStatus.Busy or PresenceStatus.OnThePhone => "red",
        PresenceStatus.Offline or PresenceStatus.Hidden => "grey",
        _ => "yellow",
    };
}
