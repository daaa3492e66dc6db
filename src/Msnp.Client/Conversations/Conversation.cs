using System.Collections.Concurrent;
using Msnp.Client.Connections;
using Msnp.Client.Transport;
using Msnp.Protocol.Commands;
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
    private TaskCompletionSource<string>? _joinWaiter;

    private Conversation(MsnpClient client, MsnpConnection connection)
    {
        _client = client;
        _connection = connection;
        connection.On(CommandCodes.Msg, OnMessage);
        connection.On(CommandCodes.Joi, OnJoin);
        connection.On(CommandCodes.Iro, OnRoster);
        connection.On(CommandCodes.Bye, OnBye);
        connection.Disconnected += (_, e) => Closed?.Invoke(this, e);
    }

    /// <summary>Accounts in the session other than the user, with their decoded friendly names.</summary>
    public IReadOnlyDictionary<string, string> Participants => _participants;

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

    /// <summary>Sends a plain-text message (ack mode <c>A</c>) and completes when the switchboard acknowledged it.</summary>
    /// <exception cref="MessageNotDeliveredException">The switchboard answered <c>NAK</c>.</exception>
    public Task SendTextAsync(string text, MessageFormat? format = null, CancellationToken cancellationToken = default) =>
        SendRawAsync(new TextMessage(text, format).ToMimeMessage(), AckMode.Acknowledged, cancellationToken);

    /// <summary>Tells the others the user is typing (ack mode <c>U</c>, nothing to await).</summary>
    public Task SendTypingAsync(CancellationToken cancellationToken = default) =>
        SendRawAsync(new TypingNotification(_client.Account).ToMimeMessage(), AckMode.Unacknowledged, cancellationToken);

    /// <summary>Sends any MIME message; for <see cref="AckMode.Acknowledged"/> and <see cref="AckMode.Data"/> completes on <c>ACK</c>.</summary>
    public Task SendRawAsync(MimeMessage message, AckMode ackMode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendRawAsync(message.ToBytes(), ackMode, cancellationToken);
    }

    /// <summary>Sends a payload as it is; see <see cref="SendRawAsync(MimeMessage, AckMode, CancellationToken)"/>.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> payload, AckMode ackMode, CancellationToken cancellationToken = default)
    {
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
            await _connection.SendWithoutReplyAsync(CommandCodes.Msg, withTrId: true, [letter], payload, cancellationToken).ConfigureAwait(false);
            return;
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
    }

    /// <summary>Invites another contact (<c>CAL</c>); completes when the switchboard started ringing them, not when they join.</summary>
    public async Task InviteAsync(string account, CancellationToken cancellationToken = default) =>
        await _connection.SendAsync(CommandCodes.Cal, [account], cancellationToken: cancellationToken).ConfigureAwait(false);

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
        return new Conversation(client, connection);
    }

    /// <summary>USR TrID account cookie → USR TrID OK account name.</summary>
    internal Task AuthenticateAsync(string cookie, CancellationToken cancellationToken) =>
        _connection.SendAsync(CommandCodes.Usr, [_client.Account, cookie], cancellationToken: cancellationToken);

    /// <summary>CAL, then the first JOI: a session with nobody else in it is of no use to the caller.</summary>
    internal async Task InviteAndWaitAsync(string account, CancellationToken cancellationToken)
    {
        var joined = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _joinWaiter = joined;
        await InviteAsync(account, cancellationToken).ConfigureAwait(false);
        await joined.Task.WaitAsync(_client.Options.TransactionTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ANS TrID account cookie sessionId → IRO … (one per participant) → ANS TrID OK.</summary>
    internal Task AnswerAsync(string cookie, string sessionId, CancellationToken cancellationToken) =>
        _connection.SendAsync(
            CommandCodes.Ans,
            [_client.Account, cookie, sessionId],
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
        // JOI account name
        var p = command.Parameters;
        if (p.Count >= 2)
        {
            Add(p[0], p[1]);
            _joinWaiter?.TrySetResult(p[0]);
        }
    }

    private void Add(string account, string encodedName)
    {
        var name = MsnpClient.DecodeOrRaw(encodedName);
        _participants[account] = name;
        ParticipantJoined?.Invoke(this, new ParticipantEventArgs(account, name));
    }

    private void OnBye(MsnpCommand command)
    {
        // BYE account [1]
        var p = command.Parameters;
        if (p.Count >= 1)
        {
            _participants.TryRemove(p[0], out _);
            ParticipantLeft?.Invoke(this, new ParticipantEventArgs(p[0], null, timedOut: p.Count > 1 && p[1] == "1"));
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

        MessageReceived?.Invoke(this, new MessageReceivedEventArgs(p[0], MsnpClient.DecodeOrRaw(p[1]), message));
    }
}
