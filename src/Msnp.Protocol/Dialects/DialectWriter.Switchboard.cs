using System.Buffers;
using Msnp.Protocol.Commands;

namespace Msnp.Protocol.Dialects;

// Switchboard referrals on the notification server, and the switchboard's own lines (catalogue §3.3, §3.4, §6.1).
// Identical in MSNP2–11; MSNP12 adds the client id to IRO/JOI.
public abstract partial class DialectWriter
{
    /// <summary><c>XFR TrID SB host:port CKI cookie {U messenger.msn.com {1}}</c>: a new switchboard session for the user.</summary>
    public virtual void WriteSwitchboardTransfer(IBufferWriter<byte> output, uint trId, string switchboard, string cookie)
    {
        var line = Line(output, CommandCodes.Xfr, trId);
        line.Token("SB"u8);
        line.Token(switchboard);
        line.Token("CKI"u8);
        line.Token(cookie);
        ReferralTail(ref line);
        line.End();
    }

    // MSNP13 adds "U messenger.msn.com", MSNP14 a trailing 1 (escargot _m_xfr, on_chat_invite).
    private void ReferralTail(ref MsnpWriter.LineWriter line)
    {
        if (Dialect.SwitchboardReferralHasDomain)
        {
            line.Token("U"u8);
            line.Token("messenger.msn.com"u8);
        }

        if (Dialect.SwitchboardReferralHasFlag)
        {
            line.Token("1"u8);
        }
    }

    /// <summary><c>RNG sessionId host:port CKI cookie account name {U messenger.msn.com {1}}</c>: an invitation to an existing session.</summary>
    public virtual void WriteRing(IBufferWriter<byte> output, string sessionId, string switchboard, string cookie, string inviterAccount, string inviterName)
    {
        var line = Line(output, CommandCodes.Rng, null);
        line.Token(sessionId);
        line.Token(switchboard);
        line.Token("CKI"u8);
        line.Token(cookie);
        line.Token(inviterAccount);
        line.Token(inviterName);
        ReferralTail(ref line);
        line.End();
    }

    /// <summary><c>USR TrID OK account name</c>: the switchboard accepted the cookie of a new session.</summary>
    public virtual void WriteSwitchboardAuthenticated(IBufferWriter<byte> output, uint trId, string account, string friendlyName)
    {
        var line = Line(output, CommandCodes.Usr, trId);
        line.Token("OK"u8);
        line.Token(account);
        line.Token(friendlyName);
        line.End();
    }

    /// <summary><c>CAL TrID RINGING sessionId</c>: the invitation was passed on (the join comes later as <c>JOI</c>).</summary>
    public virtual void WriteRinging(IBufferWriter<byte> output, uint trId, string sessionId)
    {
        var line = Line(output, CommandCodes.Cal, trId);
        line.Token("RINGING"u8);
        line.Token(sessionId);
        line.End();
    }

    /// <summary>
    /// <c>IRO TrID index total account name</c>, from MSNP12 with the participant's client id, from
    /// MSNP16 <c>caps:capsEx</c>: one participant already present, for a joiner (index from 1). From
    /// MSNP16 <paramref name="account"/> may name one point of presence, <c>account;{guid}</c>.
    /// </summary>
    public virtual void WriteRosterEntry(IBufferWriter<byte> output, uint trId, int index, int total, string account, string friendlyName, uint clientId = 0, uint clientIdExtended = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, index);
        var line = Line(output, CommandCodes.Iro, trId);
        line.Number(index);
        line.Number(total);
        line.Token(account);
        line.Token(friendlyName);
        RosterClientId(ref line, clientId, clientIdExtended);
        line.End();
    }

    /// <summary><c>ANS TrID OK</c>: the joiner is in, after its <c>IRO</c> lines.</summary>
    public virtual void WriteAnswered(IBufferWriter<byte> output, uint trId)
    {
        var line = Line(output, CommandCodes.Ans, trId);
        line.Token("OK"u8);
        line.End();
    }

    /// <summary>
    /// <c>JOI account name</c>, from MSNP12 <c>JOI account name clientId</c>, from MSNP16 with
    /// <c>caps:capsEx</c> and possibly <c>account;{guid}</c>: a principal (or one of its points of presence) joined.
    /// </summary>
    public virtual void WriteJoined(IBufferWriter<byte> output, string account, string friendlyName, uint clientId = 0, uint clientIdExtended = 0)
    {
        var line = Line(output, CommandCodes.Joi, null);
        line.Token(account);
        line.Token(friendlyName);
        RosterClientId(ref line, clientId, clientIdExtended);
        line.End();
    }

    private void RosterClientId(ref MsnpWriter.LineWriter line, uint clientId, uint clientIdExtended)
    {
        if (Dialect.HasExtendedCapabilities)
        {
            line.Token(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{clientId}:{clientIdExtended}"));
        }
        else if (Dialect.RosterHasClientId)
        {
            line.Number(clientId);
        }
    }

    /// <summary><c>BYE account</c>, or <c>BYE account 1</c> when the server dropped that participant.</summary>
    public virtual void WriteLeft(IBufferWriter<byte> output, string account, bool droppedByServer)
    {
        var line = Line(output, CommandCodes.Bye, null);
        line.Token(account);
        if (droppedByServer)
        {
            line.Token("1"u8);
        }

        line.End();
    }

    /// <summary>
    /// <c>MSG account name len</c> and the payload: an incoming message (on the notification
    /// server the sender is <c>Hotmail Hotmail</c>). The length counts bytes.
    /// </summary>
    public virtual void WriteMessage(IBufferWriter<byte> output, string sender, string senderName, ReadOnlySpan<byte> payload) =>
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, [sender, senderName], payload);

    /// <summary>
    /// <c>MSG account name </c>: the start of <see cref="WriteMessage(IBufferWriter{byte}, string, string, ReadOnlySpan{byte})"/>'s
    /// line, the same in every dialect. A switchboard makes it once per sender and writes every message
    /// it relays with <see cref="WriteRelayedMessage"/>, instead of encoding and checking the two names
    /// for each message and each receiver.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or holds a space, tab, CR or LF.</exception>
    public static byte[] MessageStart(string sender, string senderName)
    {
        var start = new ArrayBufferWriter<byte>(64);
        var line = new MsnpWriter.LineWriter(start, CommandCodes.Msg, null);
        line.Token(sender);
        line.Token(senderName);
        return [.. start.WrittenSpan, (byte)' '];
    }

    /// <summary>
    /// An incoming message whose line starts with <paramref name="start"/> (from <see cref="MessageStart"/>):
    /// the same bytes as <see cref="WriteMessage(IBufferWriter{byte}, string, string, ReadOnlySpan{byte})"/>.
    /// </summary>
    public static void WriteRelayedMessage(IBufferWriter<byte> output, ReadOnlySpan<byte> start, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = output.GetSpan(start.Length + 12);
        start.CopyTo(line);
        System.Buffers.Text.Utf8Formatter.TryFormat(payload.Length, line[start.Length..], out var digits);
        var end = start.Length + digits;
        line[end] = (byte)'\r';
        line[end + 1] = (byte)'\n';
        output.Advance(end + 2);
        output.Write(payload);
    }

    /// <summary><c>ACK TrID</c>: every participant received the message.</summary>
    public virtual void WriteAcknowledged(IBufferWriter<byte> output, uint trId) => Line(output, CommandCodes.Ack, trId).End();

    /// <summary><c>NAK TrID</c>: at least one participant did not receive the message.</summary>
    public virtual void WriteNotAcknowledged(IBufferWriter<byte> output, uint trId) => Line(output, CommandCodes.Nak, trId).End();
}
