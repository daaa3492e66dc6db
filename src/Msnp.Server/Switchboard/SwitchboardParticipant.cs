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
    // Switchboard commands and the 1664-byte MSG limit are the same in MSNP2–9; the dialect only changes ack D.
    private static readonly FrameScanner SwitchboardScanner = new(CommandTable.For(MsnpDialect.Msnp9, FrameDirection.ClientToServer));

    private readonly SwitchboardServices _services;
    private SwitchboardRoom? _room;
    private bool _left;

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

    internal void Bind(SwitchboardTicket ticket, uint clientId)
    {
        Account = ticket.Account;
        FriendlyName = ticket.FriendlyName;
        ClientId = clientId;
        UseDialect(MsnpDialect.FromVersion(ticket.DialectVersion));
        UseScanner(SwitchboardScanner);
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
            return HandleMessage(frame) ? WaitForSlowReceiversAsync() : ValueTask.CompletedTask;
        }

        return base.HandleAsync(frame);
    }

    /// <inheritdoc/>
    protected override void OnStorageFault(Storage.StorageFaultException fault) =>
        _services.Logger.LogWarning(fault, "A switchboard command of {Account} failed on storage; answered 500", Diagnostics.LogText.Sanitize(Account));

    /// <inheritdoc/>
    public override void OnDeadline()
    {
        if (_room is not null && !_left)
        {
            _left = true;
            LeaveRoom(dropped: true);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
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

        Bind(ticket, holder!.Find(ticket.Holder.EndpointId)!.ClientId);
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
        Send((Writer, trId, Account, FriendlyName), static (w, s) => s.Writer.WriteSwitchboardAuthenticated(w, s.trId, s.Account, s.FriendlyName));
    }

    internal async ValueTask HandleAnswerAsync(AnsRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        Account = request.Account;
        if (!_services.Rooms.TryGet(request.SessionId, out var room)
            || !room.TryJoin(this, request.Cookie, trId, await _services.Presence.Directory.FindAsync(Account, cancellationToken).ConfigureAwait(false), _services.Presence))
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
            SendError(MsnpErrorCode.PrincipalAlreadyOnList, trId);
            return;
        }

        var invitee = (await directory.FindAsync(target, cancellationToken).ConfigureAwait(false))?.Current;
        if (invitee is null || invitee.Status is Protocol.Dialects.Model.PresenceStatus.Offline or Protocol.Dialects.Model.PresenceStatus.Hidden)
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

        var ticket = new SwitchboardTicket(target, invitee.FriendlyName, invitee.DialectVersion, _services.Time.GetUtcNow() + _services.Broker.CookieLifetime, invitee.Address);
        var error = _room!.Invite(ticket, _services.Options.MaxSwitchboardParticipants, out var cookie);
        if (error is { } e)
        {
            SendError(e, trId);
            return;
        }

        var sessionId = _room.Id;
        Send((Writer, trId, sessionId), static (w, s) => s.Writer.WriteRinging(w, s.trId, s.sessionId));
        var location = _services.Broker.Locate(sessionId);
        await _services.Presence.Delivery.DeliverAsync(invitee.Address, new RingNotification(location.RoomId, location.Address, cookie, Account, FriendlyName)).ConfigureAwait(false);
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

        var (receivers, delivered) = _room!.Relay(this, frame.Payload);
        bool allDelivered = receivers > 0 && delivered == receivers;
        if (allDelivered && ack is (byte)'A' or (byte)'D')
        {
            Send((Writer, trId), static (w, s) => s.Writer.WriteAcknowledged(w, s.trId));
        }
        else if (!allDelivered && ack is (byte)'A' or (byte)'N' or (byte)'D')
        {
            Send((Writer, trId), static (w, s) => s.Writer.WriteNotAcknowledged(w, s.trId));
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
    private async ValueTask WaitForSlowReceiversAsync()
    {
        foreach (var receiver in _room!.Participants)
        {
            if (ReferenceEquals(receiver, this) || !receiver.Connection.Output.IsAboveHighWater)
            {
                continue;
            }

            var drained = receiver.Connection.Output.WaitForDrainAsync();
            if (await Task.WhenAny(drained, Task.Delay(_services.Options.StalledReceiverTimeout, _services.Time)).ConfigureAwait(false) != drained)
            {
                receiver.Connection.Abort("stalled receiver");
            }
        }
    }
}
