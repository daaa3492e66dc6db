using System.Buffers;
using Microsoft.Extensions.Logging;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Requests;
using Msnp.Server.Connections;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Switchboard;

/// <summary>
/// One connection to the switchboard: <c>USR</c> or <c>ANS</c> to get in, then <c>CAL</c>,
/// <c>MSG</c> and <c>OUT</c> (catalogue §3.4, §6).
/// </summary>
public sealed class SwitchboardParticipant : MsnpSessionBase
{
    // Before USR/ANS names its cookie the version is unknown: the MSNP9 table frames them (the
    // entering commands frame alike at every version); then the dialect's own table, whose MSG limit
    // grows from MSNP16 (FramingLimits.MaxClientPointsOfPresenceMessagePayload).
    private static readonly FrameScanner SwitchboardScanner = new(CommandTable.For(MsnpDialect.Msnp9, FrameDirection.ClientToServer));

    private readonly SwitchboardServices _services;
    private SwitchboardRoom? _room;
    private bool _left;

    // A message was relayed in this receive: the idle deadline is re-armed once per receive
    // (OnFramesHandled), since MSG skips HandleAsync(MsnpCommand), which re-arms it for other commands.
    private bool _active;

    // Messages were relayed (or acknowledged) without waking the writers: see OnFramesHandled.
    // Sending them may happen on this thread (OutboundBuffer.SendHeldBack), never waits, and
    // leaves closing a receiver's output to its drain, so no other connection's code runs here.
    private bool _heldBack;

    // The sender's wait for a receiver that is behind, made at the first such wait.
    private DrainWaiter? _drainWaiter;

    // "MSG account name ", made at the first message this participant sends (only its read loop relays its messages).
    private byte[]? _messageStart;

    /// <summary>Creates the participant for a new connection.</summary>
    public SwitchboardParticipant(MsnpConnection connection, SwitchboardServices services)
        : base(connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        UseScanner(SwitchboardScanner);
        connection.ArmDeadline(services.Options.SwitchboardAuthenticationTimeout);
    }

    /// <summary>The participant's account, once authenticated.</summary>
    public string Account { get; private set; } = string.Empty;

    /// <summary>The friendly name the participant had when it joined.</summary>
    public string FriendlyName { get; private set; } = string.Empty;

    /// <summary>The client id the participant's notification session announced when it joined (MSNP12 <c>IRO</c>/<c>JOI</c>).</summary>
    public uint ClientId { get; private set; }

    /// <summary>The extended capabilities of that session (MSNP16 <c>caps:capsEx</c>).</summary>
    public uint ClientIdExtended { get; private set; }

    /// <summary>The machine GUID of the participant's point of presence (MSNP16+), null before MSNP16.</summary>
    public Guid? MachineGuid { get; private set; }

    /// <summary>The participant as MSNP16+ rosters name one point of presence: <c>account;{guid}</c>, or the account alone.</summary>
    public string EndpointHandle { get; private set; } = string.Empty;

    /// <summary>The start of every message this participant sends, as receivers get it (<see cref="DialectWriter.MessageStart"/>).</summary>
    internal byte[] MessageStart => _messageStart ??= DialectWriter.MessageStart(Account, FriendlyName);

    internal void Bind(SwitchboardTicket ticket, Presence.PresenceEndpoint holder)
    {
        Account = ticket.Account;
        FriendlyName = ticket.FriendlyName;
        ClientId = holder.ClientId;
        ClientIdExtended = holder.ClientIdExtended;
        MachineGuid = holder.MachineGuid;
        EndpointHandle = holder.MachineGuid is { } machine ? $"{ticket.Account};{machine:B}" : ticket.Account;
        UseDialect(MsnpDialect.FromVersion(ticket.DialectVersion));
    }

    /// <inheritdoc/>
    protected override ValueTask HandleAsync(MsnpCommand command, CancellationToken cancellationToken)
    {
        if (_room is null)
        {
            if (SwitchboardCommandTable.Entering.TryFind(command.Code, Dialect?.Version ?? 0, out var enter))
            {
                return enter(this, command, cancellationToken);
            }

            Connection.Close();
            return ValueTask.CompletedTask;
        }

        Connection.ArmDeadline(_services.Options.SwitchboardIdleTimeout);
        if (SwitchboardCommandTable.InRoom.TryFind(command.Code, Dialect!.Version, out var handle))
        {
            return handle(this, command, cancellationToken);
        }

        // MSG arrives as a frame (see HandleAsync(MsnpFrame)); anything else has no meaning here.
        Connection.Close();
        return ValueTask.CompletedTask;
    }

    internal ValueTask HandleOut()
    {
        _left = true;
        LeaveRoom(dropped: false);
        Connection.Close();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>In a room (a <c>CAL</c> with a wrong count) the participant leaves it first, as dropped.</remarks>
    protected override void CloseOnRefusal()
    {
        if (_room is not null && !_left)
        {
            _left = true;
            LeaveRoom(dropped: true);
        }

        Connection.Close();
    }

    /// <inheritdoc/>
    public override ValueTask HandleAsync(MsnpFrame frame)
    {
        // The hot path: relay MSG straight from the receive buffer without building a command object.
        if (frame.Command == CommandCodes.Msg && _room is not null)
        {
            if (!HandleMessage(frame))
            {
                return ValueTask.CompletedTask;
            }

            // A receiver is behind: what is held back goes out before the sender waits for it.
            WakeHeldBack();
            return WaitForSlowReceiversAsync();
        }

        // Any other command may wait (storage, the directory): messages before it go out first.
        WakeHeldBack();
        return base.HandleAsync(frame);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The messages of one receive were relayed without waking the receivers' writers; now each
    /// receiver's batch goes out in one send, from this thread when the receiver's output is idle
    /// (as a plain forwarder sends what it received, with no thread hand-off) and from its drain
    /// when that is already sending. A wake per message had each receiver's writer race the sender
    /// and send a few messages at a time.
    /// </remarks>
    public override void OnFramesHandled()
    {
        if (_active)
        {
            // Before anything is sent, so that a reply the peer sees implies the deadline moved.
            _active = false;
            Connection.ArmDeadline(_services.Options.SwitchboardIdleTimeout);
        }

        WakeHeldBack();
    }

    private void WakeHeldBack()
    {
        if (!_heldBack)
        {
            return;
        }

        _heldBack = false;
        Connection.Output.SendHeldBack();
        var participants = _room!.Participants;
        for (var i = 0; i < participants.Count; i++)
        {
            participants[i].Connection.Output.SendHeldBack();
        }
    }

    /// <inheritdoc/>
    protected override void OnStorageFault(Storage.StorageFaultException fault) =>
        _services.Logger.LogWarning(fault, "A switchboard command of {Account} failed on storage; answered 500", Diagnostics.LogText.Sanitize(Account));

    /// <inheritdoc/>
    public override void OnDeadline()
    {
        WakeHeldBack();
        if (_room is not null && !_left)
        {
            _left = true;
            LeaveRoom(dropped: true);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        WakeHeldBack();
        _drainWaiter?.Dispose();
        if (_room is not null && !_left)
        {
            _left = true;
            LeaveRoom(dropped: true);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void LeaveRoom(bool dropped)
    {
        _room!.Leave(this, dropped);
        Diagnostics.ServerLog.SwitchboardLeft(_services.Logger, Diagnostics.LogText.Sanitize(Account), _room.Id);
    }

    internal async ValueTask HandleCreateAsync(SwitchboardUsrRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        var ticket = await _services.Broker.RedeemCreatorCookieAsync(request.Account, request.Cookie, cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            SendErrorAndClose(MsnpErrorCode.AuthenticationFailed, trId);
            return;
        }

        // The notification session that got the cookie signed out (or was removed) meanwhile.
        var holder = await _services.Presence.Directory.FindAsync(ticket.Account, cancellationToken).ConfigureAwait(false);
        if (!ticket.IsHolderSignedIn(holder, _services.Presence))
        {
            SendErrorAndClose(MsnpErrorCode.AuthenticationFailed, trId);
            return;
        }

        var record = holder!.Find(ticket.Holder.EndpointId)!;
        if (request.MachineGuid is { } machine && record.MachineGuid != machine)
        {
            // USR alice;{guid}: the cookie was issued to another point of presence.
            SendErrorAndClose(MsnpErrorCode.AuthenticationFailed, trId);
            return;
        }

        Bind(ticket, record);
        var room = _services.Rooms.Open();
        if (!room.AddCreator(this))
        {
            SendErrorAndClose(MsnpErrorCode.SwitchboardFailed, trId);
            return;
        }

        _room = room;
        Connection.MarkSignedIn();
        Diagnostics.ServerLog.SwitchboardOpened(_services.Logger, Diagnostics.LogText.Sanitize(Account), room.Id);
        Connection.ArmDeadline(_services.Options.SwitchboardIdleTimeout);
        // USR alice;{guid} is answered in the same form (escargot _m_usr).
        var handle = request.MachineGuid is null ? Account : EndpointHandle;
        Send((Writer, trId, handle, FriendlyName), static (w, s) => s.Writer.WriteSwitchboardAuthenticated(w, s.trId, s.handle, s.FriendlyName));
    }

    internal async ValueTask HandleAnswerAsync(AnsRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        Account = request.Account;
        if (!_services.Rooms.TryGet(request.SessionId, out var room)
            || !room.TryJoin(this, request.Cookie, request.MachineGuid, trId, await _services.Presence.Directory.FindAsync(Account, cancellationToken).ConfigureAwait(false), _services.Presence))
        {
            SendErrorAndClose(MsnpErrorCode.AuthenticationFailed, trId);
            return;
        }

        _room = room;
        Connection.MarkSignedIn();
        Diagnostics.ServerLog.SwitchboardJoined(_services.Logger, Diagnostics.LogText.Sanitize(Account), room.Id);
        Connection.ArmDeadline(_services.Options.SwitchboardIdleTimeout);
    }

    internal async ValueTask HandleCallAsync(CalRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;

        // Counted before anything is looked up, so CAL cannot be used to probe presence at speed either.
        if (_services.Calls is { } calls && !await calls.TryCallAsync(Account).ConfigureAwait(false))
        {
            SendError(MsnpErrorCode.CallingTooRapidly, trId);
            return;
        }

        // A hidden user cannot ring others, as XFR SB already refuses them (catalogue: 913).
        var directory = _services.Presence.Directory;
        if ((await directory.FindAsync(Account, cancellationToken).ConfigureAwait(false))?.Current.Status == Protocol.Dialects.Model.PresenceStatus.Hidden)
        {
            SendError(MsnpErrorCode.NotAllowedWhenOffline, trId);
            return;
        }

        var target = request.Account;
        if (target == Account)
        {
            await CallOwnEndpointsAsync(trId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var invitee = await directory.FindAsync(target, cancellationToken).ConfigureAwait(false);
        if (invitee is null || invitee.Current.Status is Protocol.Dialects.Model.PresenceStatus.Offline or Protocol.Dialects.Model.PresenceStatus.Hidden)
        {
            SendError(MsnpErrorCode.PrincipalNotOnline, trId);
            return;
        }

        if (!await _services.Contacts.CanSeeAsync(Account, target, cancellationToken).ConfigureAwait(false))
        {
            // 217 by default, so a blocked caller cannot tell "blocked" from "offline" (docs/limits.md).
            SendError((MsnpErrorCode)(int)_services.Options.BlockedCallAnswer, trId);
            return;
        }

        // Every point of presence that went online is rung (MSNP16+); before MSNP16 there is one.
        await RingAsync(trId, invitee.Endpoints.Where(e => e.Status != Protocol.Dialects.Model.PresenceStatus.Offline).ToList(), ownAccount: false).ConfigureAwait(false);
    }

    // CAL of one's own account (WLM 2009 sends it when it opens a session): MSNP16+ rings the
    // account's other points of presence that are not in the session yet. With none to ring, the
    // caller still gets RINGING and JOI of itself, which WLM 2009 waits for (escargot _m_cal).
    // Before MSNP16 it is 215, as calling oneself always was.
    private async ValueTask CallOwnEndpointsAsync(uint trId, CancellationToken cancellationToken)
    {
        if (MachineGuid is null || Dialect is not { HasPointsOfPresence: true })
        {
            SendError(MsnpErrorCode.PrincipalAlreadyOnList, trId);
            return;
        }

        var own = await _services.Presence.Directory.FindAsync(Account, cancellationToken).ConfigureAwait(false);
        var present = _room!.Participants;
        var others = (own?.Endpoints ?? []).Where(e => e.MachineGuid is { } g && g != MachineGuid
            && e.Status != Protocol.Dialects.Model.PresenceStatus.Offline
            && !present.Any(p => p.Account == Account && p.MachineGuid == g)).ToList();
        if (others.Count > 0)
        {
            await RingAsync(trId, others, ownAccount: true).ConfigureAwait(false);
            return;
        }

        var sessionId = _room.Id;
        Send((Writer, trId, sessionId), static (w, s) => s.Writer.WriteRinging(w, s.trId, s.sessionId));
        Send((Writer, Account, FriendlyName, ClientId, ClientIdExtended), static (w, s) => s.Writer.WriteJoined(w, s.Account, s.FriendlyName, s.ClientId, s.ClientIdExtended));
    }

    // One invitation per endpoint, each with its own cookie, then RNG to each.
    private async ValueTask RingAsync(uint trId, IReadOnlyList<Presence.PresenceEndpoint> endpoints, bool ownAccount)
    {
        var expires = _services.Time.GetUtcNow() + _services.Broker.CookieLifetime;
        var tickets = endpoints.Select(e => new SwitchboardTicket(e.Account, e.FriendlyName, e.DialectVersion, expires, e.Address)).ToList();
        var error = _room!.Invite(tickets, _services.Options.MaxSwitchboardParticipants, allowPresentAccount: ownAccount, out var cookies);
        if (error is { } e)
        {
            SendError(e, trId);
            return;
        }

        var sessionId = _room.Id;
        Send((Writer, trId, sessionId), static (w, s) => s.Writer.WriteRinging(w, s.trId, s.sessionId));
        var location = _services.Broker.Locate(sessionId);
        for (int i = 0; i < tickets.Count; i++)
        {
            await _services.Presence.Delivery.DeliverAsync(tickets[i].Holder, new RingNotification(location.RoomId, location.Address, cookies[i], Account, FriendlyName)).ConfigureAwait(false);
        }
    }

    // Returns true when some receiver is above its high-water mark.
    private bool HandleMessage(in MsnpFrame frame)
    {
        var trId = frame.TrId;
        int tokens = 0;
        byte ack = 0;
        var line = frame.Line.IsSingleSegment ? frame.Line.FirstSpan : frame.Line.ToArray();
        foreach (var token in new LineTokens(line))
        {
            if (tokens == 2)
            {
                ack = token.Length == 1 ? token[0] : (byte)0;
            }

            tokens++;
        }

        // MSG TrID ack len: any other shape, or an unknown or lower-case ack letter, ends the connection undelivered.
        bool ackD = ack == (byte)'D' && Dialect is { HasAckModeD: true };
        if (tokens != 4 || !(ack is (byte)'U' or (byte)'N' or (byte)'A' || ackD))
        {
            _left = true;
            LeaveRoom(dropped: true);
            Connection.Close();
            return false;
        }

        if (ackD && !MimeMessage.TryParse((ReadOnlyMemory<byte>)frame.Payload.ToArray(), out _, out _))
        {
            SendErrorAndClose(MsnpErrorCode.MalformedMessage, trId);
            _left = true;
            LeaveRoom(dropped: true);
            return false;
        }

        _heldBack = true;
        _active = true;
        var (receivers, delivered) = _room!.Relay(this, frame.Payload);
        bool allDelivered = receivers > 0 && delivered == receivers;
        if (allDelivered && ack is (byte)'A' or (byte)'D')
        {
            Connection.Output.WriteWithoutWaking((Writer, trId), static (w, s) => s.Writer.WriteAcknowledged(w, s.trId));
        }
        else if (!allDelivered && ack is (byte)'A' or (byte)'N' or (byte)'D')
        {
            Connection.Output.WriteWithoutWaking((Writer, trId), static (w, s) => s.Writer.WriteNotAcknowledged(w, s.trId));
        }

        // Guarded: the params array and boxed numbers would otherwise be allocated for every message.
        if (_services.Logger.IsEnabled(LogLevel.Trace))
        {
            _services.Logger.LogTrace("Relayed {Bytes} bytes from {Account} to {Delivered}/{Receivers}", frame.Payload.Length, Account, delivered, receivers);
        }

        return AnyReceiverAboveHighWater();
    }

    // An index loop: a LINQ predicate capturing this, or foreach over the interface, would allocate per message.
    private bool AnyReceiverAboveHighWater()
    {
        var participants = _room!.Participants;
        for (var i = 0; i < participants.Count; i++)
        {
            var participant = participants[i];
            if (!ReferenceEquals(participant, this) && participant.Connection.Output.IsAboveHighWater)
            {
                return true;
            }
        }

        return false;
    }

    // Backpressure: the sender reads no further while a receiver is behind, so receivers that keep
    // up lose nothing; one that stays behind past the timeout is dropped (BYE account 1) and the
    // conversation goes on without it.
    // A saturating sender comes here many times a second, and nothing here allocates: the state
    // machine is pooled, the participants are walked by index (foreach over the interface
    // allocates an enumerator), and the wait is the participant's one DrainWaiter with its timer.
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WaitForSlowReceiversAsync()
    {
        var participants = _room!.Participants;
        for (var i = 0; i < participants.Count; i++)
        {
            var receiver = participants[i];
            if (ReferenceEquals(receiver, this) || !receiver.Connection.Output.IsAboveHighWater)
            {
                continue;
            }

            _drainWaiter ??= new DrainWaiter(_services.Time);
            if (!await _drainWaiter.WaitAsync(receiver.Connection.Output, _services.Options.StalledReceiverTimeout).ConfigureAwait(false))
            {
                receiver.Connection.Abort("stalled receiver");
            }
        }
    }
}
