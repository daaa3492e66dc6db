using System.Buffers;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Switchboard;

/// <summary>
/// One switchboard session: its participants and outstanding invitations. Membership changes
/// take a short lock; relaying reads an immutable snapshot of the participants, so a message
/// never waits for a join or a leave.
/// </summary>
public sealed class SwitchboardRoom
{
    private readonly Lock _sync = new();
    // Outstanding invitations by cookie: one per rung endpoint (several for an MSNP16+ account).
    private readonly Dictionary<string, SwitchboardTicket> _invitations = new(StringComparer.Ordinal);
    private readonly SwitchboardRooms _rooms;
    private readonly TimeProvider _time;
    private SwitchboardParticipant[] _participants = [];
    private bool _closed;

    internal SwitchboardRoom(string id, SwitchboardRooms rooms, TimeProvider time)
    {
        Id = id;
        _rooms = rooms;
        _time = time;
    }

    /// <summary>The session id (the <c>RINGING</c> and <c>RNG</c> value).</summary>
    public string Id { get; }

    /// <summary>The participants now, in joining order.</summary>
    public IReadOnlyList<SwitchboardParticipant> Participants => Volatile.Read(ref _participants);

    /// <summary>Adds the session's creator.</summary>
    internal bool AddCreator(SwitchboardParticipant creator)
    {
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }

            _participants = [creator];
            return true;
        }
    }

    /// <summary>
    /// Records the invitations of one account's endpoints (one cookie each, in the order of
    /// <paramref name="invitees"/>), or returns the error for <c>CAL</c>: 215 when the account is
    /// already present or invited (unless <paramref name="allowPresentAccount"/>: a user ringing their
    /// own other points of presence), 713 when the session already holds
    /// <paramref name="maxParticipants"/> accounts.
    /// </summary>
    internal MsnpErrorCode? Invite(IReadOnlyList<SwitchboardTicket> invitees, int maxParticipants, bool allowPresentAccount, out string[] cookies)
    {
        cookies = [];
        if (invitees.Count == 0)
        {
            return MsnpErrorCode.PrincipalNotOnline;
        }

        var account = invitees[0].Account;
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            foreach (var expired in _invitations.Where(i => i.Value.ExpiresAt <= now).Select(i => i.Key).ToList())
            {
                _invitations.Remove(expired);
            }

            bool present = _participants.Any(p => p.Account == account);
            bool invited = _invitations.Values.Any(t => t.Account == account
                && (!allowPresentAccount || invitees.Any(i => i.Holder.EndpointId == t.Holder.EndpointId)));
            if ((present && !allowPresentAccount) || invited)
            {
                return MsnpErrorCode.PrincipalAlreadyOnList;
            }

            var accounts = _participants.Select(p => p.Account).Concat(_invitations.Values.Select(t => t.Account)).Distinct(StringComparer.Ordinal).Count();
            if (!present && accounts >= maxParticipants)
            {
                return MsnpErrorCode.SessionIsOverloaded;
            }

            cookies = new string[invitees.Count];
            for (int i = 0; i < invitees.Count; i++)
            {
                cookies[i] = SwitchboardBroker.NewCookie();
                _invitations[cookies[i]] = invitees[i];
            }

            return null;
        }
    }

    /// <summary>
    /// Admits an invitee presenting its cookie: writes the roster (<c>IRO</c>) and <c>ANS OK</c> to it and
    /// <c>JOI</c> to everyone else, atomically with respect to other joins and leaves.
    /// <paramref name="presence"/> is the invitee's directory record, read just before;
    /// <paramref name="machineGuid"/> the point of presence <c>ANS account;{guid}</c> named, if any.
    /// </summary>
    internal bool TryJoin(SwitchboardParticipant joiner, string cookie, Guid? machineGuid, uint trId, Presence.AccountPresence? presence, Presence.PresenceServices services)
    {
        lock (_sync)
        {
            if (_closed
                || !_invitations.TryGetValue(cookie, out var invitation)
                || invitation.Account != joiner.Account
                || invitation.ExpiresAt <= _time.GetUtcNow()
                || !invitation.IsHolderSignedIn(presence, services)
                || presence!.Find(invitation.Holder.EndpointId) is not { } holder
                || (machineGuid is not null && holder.MachineGuid != machineGuid))
            {
                return false;
            }

            _invitations.Remove(cookie);
            joiner.Bind(invitation, holder);
            var others = _participants;
            SwitchboardRoster.WriteRoster(joiner, trId, others);
            joiner.Send((joiner.Writer, trId), static (w, s) => s.Writer.WriteAnswered(w, s.trId));
            foreach (var other in others)
            {
                SwitchboardRoster.WriteJoined(other, joiner, others);
            }

            _participants = [.. others, joiner];
            return true;
        }
    }

    /// <summary>Withdraws <paramref name="account"/>'s invitation and drops its legs (their connections end, the others get <c>BYE account 1</c>).</summary>
    internal void Expel(string account)
    {
        SwitchboardParticipant[] legs;
        lock (_sync)
        {
            foreach (var cookie in _invitations.Where(i => i.Value.Account == account).Select(i => i.Key).ToList())
            {
                _invitations.Remove(cookie);
            }

            legs = [.. _participants.Where(p => p.Account == account)];
        }

        foreach (var leg in legs)
        {
            leg.Connection.Abort("account removed or its password changed");
        }
    }

    /// <summary>Removes a participant and tells the others with <c>BYE</c> (<c>BYE account 1</c> when the server dropped it).</summary>
    internal void Leave(SwitchboardParticipant leaver, bool dropped)
    {
        bool empty;
        lock (_sync)
        {
            if (Array.IndexOf(_participants, leaver) < 0)
            {
                return;
            }

            _participants = _participants.Where(p => p != leaver).ToArray();
            foreach (var other in _participants)
            {
                SwitchboardRoster.WriteLeft(other, leaver, _participants, dropped);
            }

            empty = _participants.Length == 0;
            _closed = empty;
        }

        if (empty)
        {
            _rooms.Remove(this);
        }
    }

    /// <summary>
    /// Relays a message to every other participant, payload bytes untouched, without waking their
    /// writers: the sender wakes them once it has handled the frames of one receive. Returns how
    /// many receivers there were and how many accepted it (a receiver whose output is full does not).
    /// </summary>
    internal (int Receivers, int Delivered) Relay(SwitchboardParticipant sender, in ReadOnlySequence<byte> payload)
    {
        var participants = Volatile.Read(ref _participants);
        var start = sender.MessageStart;
        int receivers = 0, delivered = 0;
        foreach (var receiver in participants)
        {
            if (ReferenceEquals(receiver, sender))
            {
                continue;
            }

            receivers++;
            // The sender wakes the receivers' writers once per receive (SwitchboardParticipant.OnFramesHandled).
            // Every receiver's dialect writes MSG alike: the sender's line start is made once (DialectWriter.MessageStart).
            if (receiver.Connection.Output.WriteWithoutWaking((start, payload), static (w, s) => WriteMessage(w, s.start, s.payload)))
            {
                delivered++;
            }
        }

        if (delivered > 0)
        {
            Diagnostics.ServerMetrics.MessagesRelayed.Add(delivered);
        }

        return (receivers, delivered);
    }

    private static void WriteMessage(IBufferWriter<byte> output, byte[] start, in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            DialectWriter.WriteRelayedMessage(output, start, payload.FirstSpan);
            return;
        }

        // A payload split across pipe segments is at most 2048 bytes (the framing limit): join it on the stack.
        Span<byte> joined = stackalloc byte[(int)payload.Length];
        payload.CopyTo(joined);
        DialectWriter.WriteRelayedMessage(output, start, joined);
    }
}
