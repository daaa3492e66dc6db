namespace Msnp.Client.Conversations;

/// <summary>An invitation to a switchboard session (<c>RNG</c>).</summary>
public sealed class ConversationInvitedEventArgs : EventArgs
{
    private readonly MsnpClient _client;
    private readonly string _host;
    private readonly int _port;
    private readonly string _cookie;

    internal ConversationInvitedEventArgs(MsnpClient client, string sessionId, string host, int port, string cookie, string inviter, string inviterName)
    {
        _client = client;
        SessionId = sessionId;
        _host = host;
        _port = port;
        _cookie = cookie;
        Inviter = inviter;
        InviterName = inviterName;
    }

    /// <summary>The switchboard session id, as sent.</summary>
    public string SessionId { get; }

    /// <summary>Who invited the user.</summary>
    public string Inviter { get; }

    /// <summary>The inviter's decoded friendly name.</summary>
    public string InviterName { get; }

    /// <summary>Joins the session (<c>ANS</c>); the returned conversation lists everyone already there.</summary>
    public Task<Conversation> AcceptAsync(CancellationToken cancellationToken = default) =>
        AcceptAsync(static _ => { }, cancellationToken);

    /// <summary>
    /// Joins the session, calling <paramref name="configure"/> before <c>ANS</c> is sent, so handlers
    /// attached there see every message: the inviter may send as soon as the user joined, before
    /// the returned task resumes.
    /// </summary>
    public async Task<Conversation> AcceptAsync(Action<Conversation> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var conversation = await Conversation.ConnectAsync(_client, _host, _port, cancellationToken).ConfigureAwait(false);
        try
        {
            configure(conversation);
            await conversation.AnswerAsync(_cookie, SessionId, cancellationToken).ConfigureAwait(false);
            return conversation;
        }
        catch
        {
            await conversation.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
