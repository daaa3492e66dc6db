using System.Threading.Channels;
using Msnp.Cli.Sessions;
using Msnp.Client;
using Msnp.Client.Connections;
using Msnp.Client.Contacts;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Chat;

/// <summary>
/// The chat's model, free of any terminal: it runs typed commands against an <see cref="MsnpClient"/>
/// and turns what the server sends into <see cref="ChatEvent"/>s, in order, on <see cref="Events"/>.
/// One caller runs commands one after another; client events arrive on the client's dispatchers,
/// so the state is guarded by a lock and views read it through <see cref="Snapshot"/>.
/// </summary>
internal sealed class ChatSession
{
    /// <summary>How long a typing notification counts; clients repeat them every few seconds while typing.</summary>
    public static readonly TimeSpan TypingLifetime = TimeSpan.FromSeconds(6);

    /// <summary>The least time between two typing notifications the user sends.</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(4);

    private readonly MsnpClient _client;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChatContact> _contacts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Conversation> _conversations = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Conversation> _opened = [];

    // The conversations' keys in the order they were opened: the order Tab walks through.
    private readonly List<string> _order = [];
    private readonly Dictionary<string, long> _typingSince = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<ChatEvent> _events = Channel.CreateUnbounded<ChatEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<ChatEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Never disposed: it has no timer, and views may still hold its token.
    private readonly CancellationTokenSource _endedSource = new();
    private PresenceStatus _status = PresenceStatus.Online;
    private string? _current;
    private long _typingSentAt = long.MinValue;
    private SignOutReason? _serverSignOut;
    private bool _signingOut;

    public ChatSession(MsnpClient client, TimeProvider? time = null)
    {
        _client = client;
        _time = time ?? TimeProvider.System;
        client.ContactPresenceChanged += OnPresence;
        client.ReverseListAdded += OnReverseListAdded;
        client.ConversationInvited += OnInvited;
        client.SignedOut += (_, e) => _serverSignOut = e.Reason;
        client.Disconnected += OnDisconnected;
        ChatPeerToPeer.Watch(client, Emit);
    }

    /// <summary>The transcript, in order; completed after <see cref="SignOutAsync"/>.</summary>
    public ChannelReader<ChatEvent> Events => _events.Reader;

    /// <summary>Completes when the server ends the session (connection lost, signed in elsewhere).</summary>
    public Task<ChatEnd> Ended => _ended.Task;

    /// <summary>Cancelled when <see cref="Ended"/> completes, to stop a view's input loop.</summary>
    public CancellationToken EndedToken => _endedSource.Token;

    /// <summary>The state to draw now.</summary>
    public ChatSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var typing = _typingSince.Where(t => _time.GetElapsedTime(t.Value, now) < TypingLifetime).Select(t => t.Key).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            var contacts = _contacts.Values.OrderBy(c => c.Status == PresenceStatus.Offline).ThenBy(c => c.Account, StringComparer.OrdinalIgnoreCase).ToArray();
            return new ChatSnapshot(_client.Account, _status, contacts, _current, typing, [.. _order]);
        }
    }

    /// <summary>
    /// Makes the conversation with <paramref name="account"/> the current one without any network
    /// traffic (the screen's Tab key); false when there is no conversation with them.
    /// </summary>
    public bool Switch(string account)
    {
        lock (_gate)
        {
            if (!_conversations.ContainsKey(account))
            {
                return false;
            }

            _current = _order.Find(k => string.Equals(k, account, StringComparison.OrdinalIgnoreCase));
            return true;
        }
    }

    /// <summary>Signs in, downloads the contact list and goes online; failures propagate as the client throws them.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _client.SignInAsync(cancellationToken).ConfigureAwait(false);
        var list = await _client.SyncAsync(0, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var contact in list.Contacts)
            {
                _contacts[contact.Account] = new ChatContact(contact.Account, contact.Nickname, contact.Lists, PresenceStatus.Offline);
            }
        }

        Emit(new ChatEvent.Notice($"signed in as {ChatTranscriptFormat.Who(_client.Account, _client.FriendlyName)} with {_client.Dialect.Name}; /help lists the commands"));

        // The first CHG makes the user visible and brings the ILN burst, which updates the list.
        await _client.SetStatusAsync(PresenceStatus.Online, cancellationToken: cancellationToken).ConfigureAwait(false);
        Emit(new ChatEvent.ContactsListed(ForwardContacts()));
    }

    /// <summary>Runs one typed line; false when the user asked to quit.</summary>
    public Task<bool> ExecuteAsync(string line, CancellationToken cancellationToken) =>
        ExecuteAsync(ChatInputParser.Parse(line), cancellationToken);

    /// <summary>Runs one parsed input; false when the user asked to quit. Server refusals become <see cref="ChatEvent.Problem"/>s.</summary>
    public async Task<bool> ExecuteAsync(ChatInput input, CancellationToken cancellationToken)
    {
        try
        {
            switch (input)
            {
                case ChatInput.Quit:
                    return false;
                case ChatInput.Nothing:
                    break;
                case ChatInput.Invalid invalid:
                    Emit(new ChatEvent.Problem(invalid.Reason));
                    break;
                case ChatInput.Help:
                    foreach (var help in ChatInputParser.HelpLines)
                    {
                        Emit(new ChatEvent.Notice(help));
                    }

                    break;
                case ChatInput.Contacts:
                    Emit(new ChatEvent.ContactsListed(ForwardContacts()));
                    break;
                case ChatInput.Text text:
                    await SendAsync(text.Body, cancellationToken).ConfigureAwait(false);
                    break;
                case ChatInput.Typing:
                    await NotifyTypingAsync(force: true, cancellationToken).ConfigureAwait(false);
                    break;
                case ChatInput.Open open:
                    await OpenAsync(open.Account, cancellationToken).ConfigureAwait(false);
                    break;
                case ChatInput.Close:
                    await CloseAsync().ConfigureAwait(false);
                    break;
                case ChatInput.Status status:
                    await _client.SetStatusAsync(status.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _status = status.Value;
                    }

                    Emit(new ChatEvent.Notice($"you are now {ChatStatusNames.Describe(status.Value)}"));
                    break;
                case ChatInput.Name name:
                    await _client.SetFriendlyNameAsync(name.Value, cancellationToken).ConfigureAwait(false);
                    Emit(new ChatEvent.Notice($"your name is now {name.Value}"));
                    break;
                case ChatInput.Add add:
                    await AddAsync(add.Account, cancellationToken).ConfigureAwait(false);
                    break;
                case ChatInput.Remove remove:
                    await _client.RemoveContactAsync(ListKind.Forward, remove.Account, cancellationToken: cancellationToken).ConfigureAwait(false);
                    UpdateLists(remove.Account, removed: ListKind.Forward);
                    Emit(new ChatEvent.Notice($"removed {remove.Account} from your contacts"));
                    break;
                case ChatInput.Block block:
                    await MoveAsync(block.Account, from: ListKind.Allow, to: ListKind.Block, cancellationToken).ConfigureAwait(false);
                    Emit(new ChatEvent.Notice($"blocked {block.Account}: they see you offline and cannot invite you"));
                    break;
                case ChatInput.Unblock unblock:
                    await MoveAsync(unblock.Account, from: ListKind.Block, to: ListKind.Allow, cancellationToken).ConfigureAwait(false);
                    Emit(new ChatEvent.Notice($"unblocked {unblock.Account}"));
                    break;
            }
        }
        catch (MsnpException e)
        {
            Emit(new ChatEvent.Problem(Explain(e)));
        }
        catch (MessageNotDeliveredException)
        {
            Emit(new ChatEvent.Problem("the message was not delivered (NAK)"));
        }
        catch (Exception e) when (SessionFailure.IsExpected(e) && !cancellationToken.IsCancellationRequested)
        {
            // Timeouts and a closing connection; a lost server connection also ends the session through Ended.
            Emit(new ChatEvent.Problem($"{Describe(input)} failed: {e.Message}"));
        }

        return true;
    }

    /// <summary>Tells the current conversation the user is typing, at most once per <see cref="TypingInterval"/> unless forced.</summary>
    public async Task NotifyTypingAsync(bool force, CancellationToken cancellationToken)
    {
        Conversation? conversation;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            conversation = _current is { } current && _conversations.TryGetValue(current, out var c) && c.IsOpen ? c : null;
            if (conversation is null || (!force && _typingSentAt != long.MinValue && _time.GetElapsedTime(_typingSentAt, now) < TypingInterval))
            {
                return;
            }

            _typingSentAt = now;
        }

        try
        {
            await conversation.SendTypingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MsnpConnectionClosedException)
        {
            // The conversation just closed; the next message reopens it.
        }
    }

    /// <summary>Leaves every conversation, sends <c>OUT</c> and completes <see cref="Events"/>.</summary>
    public async Task SignOutAsync()
    {
        Conversation[] opened;
        lock (_gate)
        {
            _signingOut = true;
            opened = [.. _opened];
            _opened.Clear();
            _conversations.Clear();
            _order.Clear();
        }

        foreach (var conversation in opened)
        {
            try
            {
                await conversation.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (SessionFailure.IsExpected(e))
            {
                // A conversation whose connection is already gone needs no goodbye.
            }
        }

        try
        {
            if (_client.IsSignedIn)
            {
                await _client.SignOutAsync(CancellationToken.None).ConfigureAwait(false);
                Emit(new ChatEvent.Notice("signed out"));
            }
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            // Signing out of a connection that is already gone changes nothing.
        }
        finally
        {
            await _client.DisposeAsync().ConfigureAwait(false);
            _events.Writer.TryComplete();
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        string? current;
        Conversation? conversation;
        lock (_gate)
        {
            current = _current;
            conversation = current is not null && _conversations.TryGetValue(current, out var c) ? c : null;
        }

        if (current is null)
        {
            Emit(new ChatEvent.Problem("no conversation is open; /open EMAIL first"));
            return;
        }

        // The contact left (or the switchboard closed): invite them again, as messenger clients do.
        if (conversation is null || !conversation.IsOpen || conversation.Participants.Count == 0)
        {
            conversation = await StartConversationAsync(current, cancellationToken).ConfigureAwait(false);
        }

        // Text longer than one message goes as several, in order, each acknowledged before the next.
        foreach (var part in TextSplitter.Split(text, conversation.MaxMessagePayload))
        {
            await conversation.SendTextAsync(part, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            // The user stopped typing by sending; the next key press may announce typing again at once.
            _typingSentAt = long.MinValue;
        }

        Emit(new ChatEvent.Sent(current, text) { Conversation = current });
    }

    private async Task OpenAsync(string account, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_conversations.TryGetValue(account, out var existing) && existing.IsOpen && existing.Participants.Count > 0)
            {
                _current = account;
                Emit(new ChatEvent.Notice($"talking to {account}") { Conversation = account });
                return;
            }
        }

        Emit(new ChatEvent.Notice($"inviting {account}...") { Conversation = account });
        await StartConversationAsync(account, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _current = account;
        }

        Emit(new ChatEvent.Notice($"talking to {account}") { Conversation = account });
    }

    private async Task<Conversation> StartConversationAsync(string account, CancellationToken cancellationToken)
    {
        var conversation = await _client.StartConversationAsync(account, c => Attach(c, account), cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _opened.Add(conversation);
            Keep(account, conversation);
        }

        return conversation;
    }

    private async Task CloseAsync()
    {
        Conversation? conversation;
        string? current;
        lock (_gate)
        {
            current = _current;
            _current = null;
            conversation = current is not null && _conversations.Remove(current, out var c) ? c : null;
            if (conversation is not null)
            {
                _opened.Remove(conversation);
                _order.RemoveAll(k => string.Equals(k, current, StringComparison.OrdinalIgnoreCase));
            }
        }

        if (current is null)
        {
            Emit(new ChatEvent.Problem("no conversation is open"));
            return;
        }

        if (conversation is not null)
        {
            await conversation.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Emit(new ChatEvent.Notice($"left the conversation with {current}"));
    }

    private async Task AddAsync(string account, CancellationToken cancellationToken)
    {
        await _client.AddContactAsync(ListKind.Forward, account, cancellationToken: cancellationToken).ConfigureAwait(false);
        UpdateLists(account, added: ListKind.Forward);
        try
        {
            // Messenger clients allow whom they add; already allowed (215) or blocked (219) stays as it is.
            await _client.AddContactAsync(ListKind.Allow, account, cancellationToken: cancellationToken).ConfigureAwait(false);
            UpdateLists(account, added: ListKind.Allow);
        }
        catch (MsnpException e) when (e.Code is MsnpErrorCode.PrincipalAlreadyOnList or MsnpErrorCode.PrincipalIsInTheOppositeList)
        {
        }

        Emit(new ChatEvent.Notice($"added {account} to your contacts"));
    }

    /// <summary>Block and unblock: off one privacy list (if on it), onto the other (unless already there).</summary>
    private async Task MoveAsync(string account, ListKind from, ListKind to, CancellationToken cancellationToken)
    {
        try
        {
            await _client.RemoveContactAsync(from, account, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MsnpException e) when (e.Code == MsnpErrorCode.PrincipalNotOnList)
        {
        }

        UpdateLists(account, removed: from);
        try
        {
            await _client.AddContactAsync(to, account, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MsnpException e) when (e.Code == MsnpErrorCode.PrincipalAlreadyOnList)
        {
        }

        UpdateLists(account, added: to);
    }

    private void UpdateLists(string account, ListKind added = ListKind.None, ListKind removed = ListKind.None)
    {
        lock (_gate)
        {
            var contact = _contacts.TryGetValue(account, out var c) ? c : new ChatContact(account, account, ListKind.None, PresenceStatus.Offline);
            _contacts[account] = contact with { Lists = (contact.Lists | added) & ~removed };
        }
    }

    private List<ChatContact> ForwardContacts() =>
        Snapshot().Contacts.Where(c => c.Lists.Contains(ListKind.Forward)).ToList();

    /// <summary>Files a conversation under its contact's address; the caller holds the lock.</summary>
    private void Keep(string account, Conversation conversation)
    {
        if (!_conversations.ContainsKey(account))
        {
            _order.Add(account);
        }

        _conversations[account] = conversation;
    }

    /// <summary>Handlers for a conversation kept under <paramref name="key"/>; its events carry that key.</summary>
    private void Attach(Conversation conversation, string key)
    {
        conversation.MessageReceived += (_, message) => OnMessage(key, message);
        ChatPeerToPeer.Attach(conversation, _client.Account, e => Emit(e with { Conversation = key }));
        conversation.ParticipantJoined += (_, e) => Emit(new ChatEvent.Notice($"{ChatTranscriptFormat.Who(e.Account, e.FriendlyName ?? e.Account)} is in the conversation") { Conversation = key });
        conversation.ParticipantLeft += (_, e) =>
        {
            lock (_gate)
            {
                _typingSince.Remove(e.Account);
                if (_signingOut)
                {
                    return;
                }
            }

            Emit(new ChatEvent.Notice(e.TimedOut ? $"{e.Account} dropped out of the conversation" : $"{e.Account} left the conversation") { Conversation = key });
        };
    }

    private void OnInvited(object? sender, ConversationInvitedEventArgs invitation)
    {
        _ = AcceptAsync(invitation);
    }

    private async Task AcceptAsync(ConversationInvitedEventArgs invitation)
    {
        try
        {
            // Handlers go on before ANS, so a message sent the moment we join is not missed.
            var conversation = await invitation.AcceptAsync(c => Attach(c, invitation.Inviter), CancellationToken.None).ConfigureAwait(false);
            bool becameCurrent;
            bool late;
            lock (_gate)
            {
                late = _signingOut;
                becameCurrent = false;
                if (!late)
                {
                    _opened.Add(conversation);

                    // The newest session with a contact is the one to answer on; older ones stay open until they close.
                    Keep(invitation.Inviter, conversation);
                    becameCurrent = _current is null;
                    _current ??= invitation.Inviter;
                }
            }

            if (late)
            {
                // Accepted while signing out: nobody will use it, and sign-out already left the others.
                await conversation.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }

            // Into the new conversation's transcript when it is shown at once; otherwise where the user is looking.
            Emit(becameCurrent
                ? new ChatEvent.Notice($"{ChatTranscriptFormat.Who(invitation.Inviter, invitation.InviterName)} opened a conversation; talking to {invitation.Inviter}") { Conversation = invitation.Inviter }
                : new ChatEvent.Notice($"{ChatTranscriptFormat.Who(invitation.Inviter, invitation.InviterName)} opened a conversation; /open {invitation.Inviter} to answer"));
        }
        catch (Exception e) when (SessionFailure.IsExpected(e))
        {
            Emit(new ChatEvent.Problem($"could not join {invitation.Inviter}'s conversation: {e.Message}"));
        }
    }

    private void OnMessage(string key, MessageReceivedEventArgs message)
    {
        switch (message.Content)
        {
            case TextMessage text:
                lock (_gate)
                {
                    _typingSince.Remove(message.Sender);
                }

                Emit(new ChatEvent.Received(message.Sender, message.SenderName, text.Text) { Conversation = key });
                break;
            case TypingNotification:
                bool started;
                lock (_gate)
                {
                    var now = _time.GetTimestamp();
                    started = !_typingSince.TryGetValue(message.Sender, out var since) || _time.GetElapsedTime(since, now) >= TypingLifetime;
                    _typingSince[message.Sender] = now;
                }

                if (started)
                {
                    Emit(new ChatEvent.Typing(message.Sender) { Conversation = key });
                }

                break;
        }
    }

    private void OnPresence(object? sender, PresenceChangedEventArgs e)
    {
        bool changed;
        string name;
        lock (_gate)
        {
            var known = _contacts.TryGetValue(e.Account, out var contact);
            name = e.FriendlyName ?? contact?.Name ?? e.Account;
            changed = !known || contact!.Status != e.Status;
            _contacts[e.Account] = (contact ?? new ChatContact(e.Account, name, ListKind.None, e.Status)) with { Name = name, Status = e.Status };
        }

        if (changed)
        {
            Emit(new ChatEvent.PresenceChanged(e.Account, name, e.Status));
        }
    }

    private void OnReverseListAdded(object? sender, ReverseListEventArgs e) =>
        Emit(new ChatEvent.Notice($"{ChatTranscriptFormat.Who(e.Account, e.FriendlyName)} added you to their contacts; /add {e.Account} to add them back, /block {e.Account} to refuse"));

    private void OnDisconnected(object? sender, DisconnectedEventArgs e)
    {
        lock (_gate)
        {
            if (_signingOut)
            {
                return;
            }
        }

        var message = _serverSignOut switch
        {
            SignOutReason.OtherSession => "signed out by the server (OUT OTH): this account signed in somewhere else (another msnp chat or Messenger). An account has one session at a time and the newest wins; sign in again to take it back.",
            SignOutReason.ServerShutdown => "signed out by the server: it is shutting down",
            _ => $"the connection to the server was lost: {Sessions.FailureWords.Describe(e.Reason)}",
        };
        if (_ended.TrySetResult(new ChatEnd(ExitCodes.ConnectionFailed, message)))
        {
            _endedSource.Cancel();
        }
    }

    private void Emit(ChatEvent chatEvent) => _events.Writer.TryWrite(chatEvent);

    private static string Explain(MsnpException e) => e.Code switch
    {
        MsnpErrorCode.PrincipalNotOnline => $"{(int)e.Code} {e.Description}: the contact is offline or hidden",
        _ => $"{e.Command} failed: {(int)e.Code} {e.Description}",
    };

    private static string Describe(ChatInput input) => input switch
    {
        ChatInput.Text => "sending",
        ChatInput.Open open => $"/open {open.Account}",
        _ => "/" + input.GetType().Name.ToLowerInvariant(),
    };
}
