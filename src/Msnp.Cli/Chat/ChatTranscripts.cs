namespace Msnp.Cli.Chat;

/// <summary>One transcript row as drawn: the text (with its time) and the event it came from, for its colour.</summary>
internal sealed record TranscriptLine(string Text, ChatEvent Event);

/// <summary>
/// The screen's transcripts: one per conversation, plus one for the time no conversation is open,
/// and how many messages arrived in each conversation while another was shown. Events of a
/// conversation go to its own transcript; events of the session as a whole (presence, help,
/// refusals) go to the transcript being shown, where the user is looking. Knows no console.
/// </summary>
internal sealed class ChatTranscripts
{
    /// <summary>Rows kept per transcript; older ones are dropped.</summary>
    public const int Limit = 500;

    private readonly Dictionary<string, List<TranscriptLine>> _conversations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _unread = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TranscriptLine> _noConversation = [];

    /// <summary>
    /// Files <paramref name="chatEvent"/>, stamped <paramref name="time"/>, while the conversation with
    /// <paramref name="shown"/> (null: none) is on screen. A message for any other conversation counts as unread there.
    /// </summary>
    public void Add(ChatEvent chatEvent, string? shown, string time)
    {
        var key = chatEvent.Conversation ?? shown;
        var lines = Transcript(key);
        foreach (var line in ChatTranscriptFormat.Lines(chatEvent))
        {
            lines.Add(new TranscriptLine($"{time} {line}", chatEvent));
        }

        if (lines.Count > Limit)
        {
            lines.RemoveRange(0, lines.Count - Limit);
        }

        if (chatEvent is ChatEvent.Received && key is not null && !string.Equals(key, shown, StringComparison.OrdinalIgnoreCase))
        {
            _unread[key] = Unread(key) + 1;
        }
    }

    /// <summary>The transcript of the conversation with <paramref name="conversation"/>, or of no conversation for null.</summary>
    public IReadOnlyList<TranscriptLine> Lines(string? conversation) =>
        conversation is null ? _noConversation : _conversations.TryGetValue(conversation, out var lines) ? lines : [];

    /// <summary>Messages received in that conversation since it was last shown.</summary>
    public int Unread(string conversation) => _unread.TryGetValue(conversation, out var count) ? count : 0;

    /// <summary>Conversations with unread messages, by contact.</summary>
    public IEnumerable<string> WithUnread => _unread.Where(u => u.Value > 0).Select(u => u.Key);

    /// <summary>The conversation is on screen: its messages count as read.</summary>
    public void MarkRead(string? conversation)
    {
        if (conversation is not null)
        {
            _unread.Remove(conversation);
        }
    }

    private List<TranscriptLine> Transcript(string? key)
    {
        if (key is null)
        {
            return _noConversation;
        }

        if (!_conversations.TryGetValue(key, out var lines))
        {
            _conversations[key] = lines = [];
        }

        return lines;
    }
}
