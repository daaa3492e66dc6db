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
    private readonly Dictionary<string, (string Cookie, SwitchboardTicket Ticket)> _invitations = new(StringComparer.Ordinal);
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
    /// Records an invitation: returns the cookie for <c>RNG</c>, or the error for <c>CAL</c> (215 when
    /// the account is already present or invited, 713 when the session is full).
    /// </summary>
    internal MsnpErrorCode? Invite(SwitchboardTicket invitee, int maxParticipants, out string cookie)
    {
        cookie = string.Empty;
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            if (_participants.Any(p => p.Account == invitee.Account)
                || (_invitations.TryGetValue(invitee.Account, out var pending) && pending.Ticket.ExpiresAt > now))
            {
                return MsnpErrorCode.PrincipalAlreadyOnList;
            }

            if (_participants.Length + _invitations.Count >= maxParticipants)
            {
                return MsnpErrorCode.SessionIsOverloaded;
            }

            cookie = SwitchboardBroker.NewCookie();
            _invitations[invitee.Account] = (cookie, invitee);
            return null;
        }
    }

    /// <summary>
    /// Admits an invitee presenting its cookie: writes the roster (<c>IRO</c>) and <c>ANS OK</c> to it and
    /// <c>JOI</c> to everyone else, atomically with respect to other joins and leaves.
    /// <paramref name="presence"/> is the invitee's directory record, read just before.
    /// </summary>
    internal bool TryJoin(SwitchboardParticipant joiner, string cookie, uint trId, Presence.AccountPresence? presence, Presence.PresenceServices services)
    {
        lock (_sync)
        {
            if (_closed
                || !_invitations.TryGetValue(joiner.Account, out var invitation)
                || !string.Equals(invitation.Cookie, cookie, StringComparison.Ordinal)
                || invitation.Ticket.ExpiresAt <= _time.GetUtcNow()
                || !invitation.Ticket.IsHolderSignedIn(presence, services))
            {
                return false;
            }

            _invitations.Remove(joiner.Account);
            joiner.Bind(invitation.Ticket, presence!.Find(invitation.Ticket.Holder.EndpointId)!.ClientId);
            var others = _participants;
            for (int i = 0; i < others.Length; i++)
            {
                var other = others[i];
                joiner.Send((joiner.Writer, trId, index: i + 1, total: others.Length, other.Account, other.FriendlyName, other.ClientId),
                    static (w, s) => s.Writer.WriteRosterEntry(w, s.trId, s.index, s.total, s.Account, s.FriendlyName, s.ClientId));
            }

            joiner.Send((joiner.Writer, trId), static (w, s) => s.Writer.WriteAnswered(w, s.trId));
            foreach (var other in others)
            {
                other.Send((other.Writer, joiner.Account, joiner.FriendlyName, joiner.ClientId), static (w, s) => s.Writer.WriteJoined(w, s.Account, s.FriendlyName, s.ClientId));
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
            _invitations.Remove(account);
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
                other.Send((other.Writer, leaver.Account, dropped), static (w, s) => s.Writer.WriteLeft(w, s.Account, s.dropped));
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
    /// Relays a message to every other participant, payload bytes untouched. Returns how many
    /// receivers there were and how many accepted it (a receiver whose output is full does not).
    /// </summary>
    internal (int Receivers, int Delivered) Relay(SwitchboardParticipant sender, in ReadOnlySequence<byte> payload)
    {
        var participants = Volatile.Read(ref _participants);
        int receivers = 0, delivered = 0;
        foreach (var receiver in participants)
        {
            if (ReferenceEquals(receiver, sender))
            {
                continue;
            }

            receivers++;
            if (receiver.Send((receiver.Writer, sender.Account, sender.FriendlyName, payload), static (w, s) => WriteMessage(w, s.Writer, s.Account, s.FriendlyName, s.payload)))
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

    private static void WriteMessage(IBufferWriter<byte> output, DialectWriter writer, string account, string name, in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            writer.WriteMessage(output, account, name, payload.FirstSpan);
            return;
        }

        // A payload split across pipe segments is at most 1664 bytes: join it on the stack.
        Span<byte> joined = stackalloc byte[(int)payload.Length];
        payload.CopyTo(joined);
        writer.WriteMessage(output, account, name, joined);
    }
}
