using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Msnp.Cli.Chat;

/// <summary>
/// The interactive screen on a terminal: draws <see cref="ChatScreen"/> (conversations and contacts on
/// the left, the current conversation's transcript on the right, the input line below) on the
/// alternate screen. Keys are read one at a time so typing can be announced and Tab can switch
/// conversations; typed lines go to the session one after another, as in the plain view.
/// </summary>
internal sealed class TerminalChatView(IAnsiConsole console) : IChatView
{
    private const string EnterAlternateScreen = "\u001b[?1049h\u001b[H";
    private const string LeaveAlternateScreen = "\u001b[?1049l";
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);

    private readonly ChatScreen _screen = new();
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
                                _screen.Append(chatEvent, session.Snapshot(), DateTime.Now);
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
        if (_screen.Key(key, session, console.Profile.Height, () => _ = AnnounceTypingAsync(session, cancellationToken)) is { } line)
        {
            lines.TryWrite(line);
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

    private IRenderable Build(ChatSnapshot snapshot) => _screen.Build(snapshot, console.Profile.Width, console.Profile.Height);
}
