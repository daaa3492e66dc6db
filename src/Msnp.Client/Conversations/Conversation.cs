using System.Collections.Concurrent;
using Msnp.Client.Connections;
using Msnp.Client.P2P;
using Msnp.Client.Transport;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Conversations;

/// <summary>
/// One switchboard session. Events are raised on the session's dispatcher, in wire order, never on
/// the socket loop.
/// </summary>
public sealed class Conversation : IAsyncDisposable
{
    private readonly MsnpClient _client;
    private readonly MsnpConnection _connection;
    private readonly ConcurrentDictionary<string, string> _participants = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _joinWaiters = new(StringComparer.OrdinalIgnoreCase);

    // MSNP16+: the machines (account;{guid}) present per account, the user's own other machines included.
    private readonly ConcurrentDictionary<string, HashSet<Guid>> _machines = new(StringComparer.OrdinalIgnoreCase);

    private Conversation(MsnpClient client, MsnpConnection connection)
    {
        _client = client;
        _connection = connection;
        connection.On(CommandCodes.Msg, OnMessage);
        connection.On(CommandCodes.Joi, OnJoin);
        connection.On(CommandCodes.Iro, OnRoster);
        connection.On(CommandCodes.Bye, OnBye);
        connection.On(CommandCodes.Nak, OnNak);
        connection.Disconnected += (_, e) => Closed?.Invoke(this, e);
        PeerToPeer = new P2PLink(this, () => client.Account, () => client.Options.DisplayPicture, client.Dialect.HasAckModeD);
    }

    /// <summary>The MSNC P2P layer of this session: serves the user's display picture, fetches pictures, sends and receives files.</summary>
    public P2PLink PeerToPeer { get; }

    /// <summary>Accounts in the session other than the user, with their decoded friendly names.</summary>
    public IReadOnlyDictionary<string, string> Participants => _participants;

    /// <summary>
    /// MSNP16+: the machine GUIDs present per account, as <c>IRO</c>/<c>JOI</c> named them (<c>account;{guid}</c>);
    /// the user's own other machines are listed under the user's account. Empty for older versions.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<Guid>> Machines =>
        _machines.ToDictionary(p => p.Key, p => { lock (p.Value) { return (IReadOnlyCollection<Guid>)[.. p.Value]; } }, StringComparer.OrdinalIgnoreCase);

    /// <summary>True while the switchboard connection is open.</summary>
    public bool IsOpen => _connection.IsConnected;

    /// <summary>A message arrived.</summary>
    public event EventHandler<MessageReceivedEventArgs>? MessageReceived;

    /// <summary>Someone joined.</summary>
    public event EventHandler<ParticipantEventArgs>? ParticipantJoined;

    /// <summary>Someone left or dropped.</summary>
    public event EventHandler<ParticipantEventArgs>? ParticipantLeft;

    /// <summary>The switchboard connection closed.</summary>
    public event EventHandler<DisconnectedEventArgs>? Closed;

    /// <summary>A message sent with <see cref="AckMode.NegativeOnly"/> was not delivered (<c>NAK</c>); the id is the one its send returned.</summary>
    public event EventHandler<DeliveryFailedEventArgs>? DeliveryFailed;

    /// <summary>
    /// The largest <c>MSG</c> payload (MIME headers included) the switchboard takes from this session's
    /// dialect: 1,664 bytes up to MSNP15, 2,048 from MSNP16. Longer text goes as several messages
    /// (<see cref="TextSplitter.Split"/>).
    /// </summary>
    public int MaxMessagePayload => FramingLimits.Default.ClientMessagePayload(_client.Dialect);

    /// <summary>Sends a plain-text message (ack mode <c>A</c>) and completes when the switchboard acknowledged it.</summary>
    /// <exception cref="MessageNotDeliveredException">The switchboard answered <c>NAK</c>.</exception>
    /// <exception cref="ArgumentException">The message is longer than <see cref="MaxMessagePayload"/>; nothing was sent.</exception>
    public Task SendTextAsync(string text, MessageFormat? format = null, CancellationToken cancellationToken = default) =>
        SendRawAsync(new TextMessage(text, format).ToMimeMessage(), AckMode.Acknowledged, cancellationToken);

    /// <summary>Tells the others the user is typing (ack mode <c>U</c>, nothing to await).</summary>
    public Task SendTypingAsync(CancellationToken cancellationToken = default) =>
        SendRawAsync(new TypingNotification(_client.Account).ToMimeMessage(), AckMode.Unacknowledged, cancellationToken);

    /// <summary>
    /// Sends any MIME message. For <see cref="AckMode.Acknowledged"/> and <see cref="AckMode.Data"/>
    /// completes on <c>ACK</c> (throws on <c>NAK</c>); for <see cref="AckMode.Unacknowledged"/> and
    /// <see cref="AckMode.NegativeOnly"/> once written, since success has no reply.
    /// </summary>
    /// <returns>The message's TrID, which a later <see cref="DeliveryFailed"/> names for ack mode <c>N</c>.</returns>
    /// <exception cref="MessageNotDeliveredException">The switchboard answered <c>NAK</c>.</exception>
    /// <exception cref="MsnpException">The switchboard refused the message, e.g. 282 for a malformed ack-mode-D message.</exception>
    public Task<uint> SendRawAsync(MimeMessage message, AckMode ackMode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendRawAsync(message.ToBytes(), ackMode, cancellationToken);
    }

    /// <summary>Sends a payload as it is; see <see cref="SendRawAsync(MimeMessage, AckMode, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">The payload is longer than <see cref="MaxMessagePayload"/>; nothing was sent.</exception>
    public async Task<uint> SendRawAsync(ReadOnlyMemory<byte> payload, AckMode ackMode, CancellationToken cancellationToken = default)
    {
        // The switchboard would close the whole conversation on a longer MSG; refuse before writing.
        if (payload.Length > MaxMessagePayload)
        {
            throw new ArgumentException(
                $"The message is {payload.Length} bytes; a switchboard takes at most {MaxMessagePayload} at {_client.Dialect.Name}. Split the text with TextSplitter.Split.",
                nameof(payload));
        }

        if (ackMode == AckMode.Data && !_client.Dialect.HasAckModeD)
        {
            throw new NotSupportedException($"Ack mode D needs MSNP9; this session speaks {_client.Dialect.Name}.");
        }

        var letter = ackMode switch
        {
            AckMode.Unacknowledged => "U",
            AckMode.NegativeOnly => "N",
            AckMode.Acknowledged => "A",
            _ => "D",
        };
        if (ackMode is AckMode.Unacknowledged or AckMode.NegativeOnly)
        {
            var id = _connection.NextTrId();
            await _connection.SendWithoutReplyAsync(CommandCodes.Msg, id, [letter], payload, cancellationToken).ConfigureAwait(false);
            return id;
        }

        var reply = await _connection.SendAsync(
            CommandCodes.Msg,
            [letter],
            payload,
            isFinal: c => c.Code == CommandCodes.Ack || c.Code == CommandCodes.Nak,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (reply.Code == CommandCodes.Nak)
        {
            throw new MessageNotDeliveredException();
        }

        return reply.TrId ?? 0;
    }

    /// <summary>Invites another contact (<c>CAL</c>); completes when the switchboard started ringing them, not when they join.</summary>
    /// <exception cref="MsnpException">E.g. 217 when the contact is offline or hidden, 215 when already here.</exception>
    public async Task InviteAsync(string account, CancellationToken cancellationToken = default) =>
        await _connection.SendAsync(CommandCodes.Cal, [account], cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Invites another contact and completes once they joined (<c>JOI</c>), so a message sent next reaches them.</summary>
    /// <exception cref="MsnpException">The switchboard refused the invitation.</exception>
    /// <exception cref="TimeoutException">They did not join within the transaction timeout.</exception>
    public async Task InviteAndWaitAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);

        // Registered before CAL: the JOI may arrive before the CAL reply resumes us.
        var joined = _joinWaiters.GetOrAdd(account, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await InviteAsync(account, cancellationToken).ConfigureAwait(false);
            await joined.Task.WaitAsync(_client.Options.TransactionTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _joinWaiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(account, joined));
        }
    }

    /// <summary>Leaves the session (<c>OUT</c>) and closes the connection.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        if (_connection.IsConnected)
        {
            try
            {
                await _connection.SendWithoutReplyAsync(CommandCodes.Out, withTrId: false, [], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (MsnpConnectionClosedException)
            {
            }
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the connection without <c>OUT</c>; the others see the user time out.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    internal static async Task<Conversation> ConnectAsync(MsnpClient client, string host, int port, CancellationToken cancellationToken)
    {
        var connection = await MsnpConnection.ConnectAsync(client.Options, MsnpServerRole.Switchboard, host, port, client.Dialect, cancellationToken).ConfigureAwait(false);
        client.Observe(connection);
        return new Conversation(client, connection);
    }

    /// <summary>USR TrID account cookie → USR TrID OK account name.</summary>
    internal Task AuthenticateAsync(string cookie, CancellationToken cancellationToken) =>
        _connection.SendAsync(CommandCodes.Usr, [EndpointHandle.Own(_client), cookie], cancellationToken: cancellationToken);

    /// <summary>ANS TrID account cookie sessionId → IRO … (one per participant) → ANS TrID OK.</summary>
    internal Task AnswerAsync(string cookie, string sessionId, CancellationToken cancellationToken) =>
        _connection.SendAsync(
            CommandCodes.Ans,
            [EndpointHandle.Own(_client), cookie, sessionId],
            isFinal: c => c.Code == CommandCodes.Ans,
            onIntermediate: OnRoster,
            cancellationToken: cancellationToken);

    private void OnRoster(MsnpCommand command)
    {
        // IRO TrID index total account name
        var p = command.Parameters;
        if (command.Code == CommandCodes.Iro && p.Count >= 4)
        {
            Add(p[2], p[3]);
        }
    }

    private void OnJoin(MsnpCommand command)
    {
        // JOI handle name [clientId | caps:capsEx]; from MSNP16 the handle may be account;{guid}
        var p = command.Parameters;
        if (p.Count >= 2)
        {
            var account = Add(p[0], p[1]);
            if (_joinWaiters.TryGetValue(account, out var waiter))
            {
                waiter.TrySetResult();
            }
        }
    }

    /// <returns>The account the handle names.</returns>
    private string Add(string handle, string encodedName)
    {
        var (account, machine) = EndpointHandle.Split(handle);
        if (machine is { } guid)
        {
            var set = _machines.GetOrAdd(account, static _ => []);
            lock (set)
            {
                set.Add(guid);
            }
        }

        // The user's own other machines are not participants; a contact is one participant however
        // many machines (and the account-wide line after them) it joins with.
        var name = MsnpClient.DecodeOrRaw(encodedName);
        if (!string.Equals(account, _client.Account, StringComparison.OrdinalIgnoreCase) && _participants.TryAdd(account, name))
        {
            ParticipantJoined?.Invoke(this, new ParticipantEventArgs(account, name));
        }

        return account;
    }

    private void OnBye(MsnpCommand command)
    {
        // BYE handle [1]: one machine (account;{guid}, MSNP16+) or the whole account
        var p = command.Parameters;
        if (p.Count < 1)
        {
            return;
        }

        var (account, machine) = EndpointHandle.Split(p[0]);
        var gone = machine is null;
        if (machine is { } guid && _machines.TryGetValue(account, out var set))
        {
            lock (set)
            {
                set.Remove(guid);
                gone = set.Count == 0;
            }

            if (gone)
            {
                _machines.TryRemove(account, out _);
            }
        }
        else if (machine is null)
        {
            _machines.TryRemove(account, out _);
        }

        if (gone && _participants.TryRemove(account, out _))
        {
            ParticipantLeft?.Invoke(this, new ParticipantEventArgs(account, null, timedOut: p.Count > 1 && p[1] == "1"));
        }
    }

    private void OnNak(MsnpCommand command)
    {
        // NAK TrID for an ack-mode-N message (A and D NAKs complete their own transaction).
        if (command.TrId is { } trId)
        {
            DeliveryFailed?.Invoke(this, new DeliveryFailedEventArgs(trId));
        }
    }

    private void OnMessage(MsnpCommand command)
    {
        // MSG account name len
        var p = command.Parameters;
        if (p.Count < 2 || command.Payload is not { } payload || !MimeMessage.TryParse(payload, out var message, out _))
        {
            return;
        }

        MessageReceived?.Invoke(this, new MessageReceivedEventArgs(EndpointHandle.Split(p[0]).Account, MsnpClient.DecodeOrRaw(p[1]), message));
    }
}
