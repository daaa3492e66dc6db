namespace Msnp.Cli.Chat;

/// <summary>
/// Line by line: typed lines from <paramref name="input"/>, events as plain lines on
/// <paramref name="output"/>. Used when standard input or output is not a terminal, so the chat
/// can be scripted.
/// </summary>
internal sealed class PlainChatView(TextReader input, TextWriter output) : IChatView
{
    private Task? _printing;

    public async Task RunAsync(ChatSession session, CancellationToken stop)
    {
        _printing ??= PrintAsync(session);
        var lines = LineReader.Start(input);
        try
        {
            await foreach (var line in lines.ReadAllAsync(stop).ConfigureAwait(false))
            {
                if (!await session.ExecuteAsync(line, stop).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public Task FinishAsync(ChatSession session) => _printing ??= PrintAsync(session);

    private async Task PrintAsync(ChatSession session)
    {
        await foreach (var chatEvent in session.Events.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var line in ChatTranscriptFormat.Lines(chatEvent))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            // A script reading the other end of a pipe should see each event as it happens.
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
