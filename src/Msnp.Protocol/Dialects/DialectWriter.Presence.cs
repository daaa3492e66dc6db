using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

// Presence, keep-alive and challenges (catalogue §3.2, §5.7, §5.9, §5.10).
public abstract partial class DialectWriter
{
    /// <summary><c>CHG TrID STATUS {clientId{:ext} {msnobj}}</c>: the echo of a client's status change.</summary>
    public virtual void WriteStatusChanged(IBufferWriter<byte> output, uint trId, PresenceStatus status, uint clientId, string? msnObject, uint clientIdExtended = 0)
    {
        var line = Line(output, CommandCodes.Chg, trId);
        line.Token(status.WireName());
        ClientCapabilities(ref line, clientId, clientIdExtended, msnObject);
        line.End();
    }

    /// <summary>
    /// <c>ILN TrID STATUS account name {clientId {msnobj}}</c>: a contact's presence, sent under
    /// the TrID of the <c>CHG</c> or <c>ADD</c> that asked for it; at MSNP18 an <c>NLN</c> (<see cref="MsnpDialect.HasIln"/>).
    /// </summary>
    public virtual void WriteInitialPresence(IBufferWriter<byte> output, uint trId, PresenceInfo presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        if (!Dialect.HasIln)
        {
            WritePresenceChanged(output, presence);
            return;
        }

        var line = Line(output, CommandCodes.Iln, trId);
        Presence(ref line, presence);
        line.End();
    }

    /// <summary><c>NLN STATUS account name {clientId {msnobj}}</c>: a contact came online or changed.</summary>
    public virtual void WritePresenceChanged(IBufferWriter<byte> output, PresenceInfo presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var line = Line(output, CommandCodes.Nln, null);
        Presence(ref line, presence);
        line.End();
    }

    /// <summary>
    /// <c>FLN account</c>: a contact went offline, hid, or stopped allowing the user. MSNP14–17
    /// <c>FLN account 1 caps</c>, MSNP18 <c>FLN 1:account 0:0</c> (escargot <c>build_presence_notif</c>).
    /// </summary>
    public virtual void WriteOffline(IBufferWriter<byte> output, string account)
    {
        var line = Line(output, CommandCodes.Fln, null);
        Handle(ref line, account);
        if (Dialect.FlnHasCapabilities)
        {
            line.Token(Dialect.HasExtendedCapabilities ? "0:0"u8 : "0"u8);
        }

        line.End();
    }

    /// <summary><c>QNG</c>, or from MSNP9 <c>QNG seconds</c> (how long the client may wait before its next <c>PNG</c>).</summary>
    public virtual void WritePong(IBufferWriter<byte> output, int secondsUntilNextPing)
    {
        var line = Line(output, CommandCodes.Qng, null);
        if (Dialect.QngHasSeconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(secondsUntilNextPing);
            line.Number(secondsUntilNextPing);
        }

        line.End();
    }

    /// <summary><c>CHL 0 challenge</c> (MSNP6+): the client must answer with <c>QRY</c> in about 50 seconds.</summary>
    public virtual void WriteChallenge(IBufferWriter<byte> output, string challenge)
    {
        Require(Dialect.HasChallenges, "CHL");
        var line = Line(output, CommandCodes.Chl, 0);
        line.Token(challenge);
        line.End();
    }

    private void Presence(ref MsnpWriter.LineWriter line, PresenceInfo presence)
    {
        line.Token(presence.Status.WireName());
        Handle(ref line, presence.Account);
        line.Token(presence.FriendlyName);
        ClientCapabilities(ref line, presence.ClientId, presence.ClientIdExtended, presence.MsnObject);
    }

    /// <summary>A contact on a presence line: <c>account</c>, <c>account 1</c> (MSNP14–17), <c>1:account</c> (MSNP18).</summary>
    protected void Handle(ref MsnpWriter.LineWriter line, string account)
    {
        switch (Dialect.PresenceHandle)
        {
            case PresenceHandleStyle.NetworkPrefixed:
                line.Token("1:" + account);
                break;
            case PresenceHandleStyle.AccountAndNetwork:
                line.Token(account);
                line.Token("1"u8);
                break;
            default:
                line.Token(account);
                break;
        }
    }

    // The client id exists from MSNP8, the MSNObject (which needs the client id before it) from MSNP9;
    // from MSNP16 the id is caps:capsEx.
    private void ClientCapabilities(ref MsnpWriter.LineWriter line, uint clientId, uint clientIdExtended, string? msnObject)
    {
        if (!Dialect.HasClientId)
        {
            return;
        }

        if (Dialect.HasExtendedCapabilities)
        {
            line.Token(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{clientId}:{clientIdExtended}"));
        }
        else
        {
            line.Number(clientId);
        }
        if (Dialect.HasMsnObject && !string.IsNullOrEmpty(msnObject))
        {
            line.Token(msnObject);
        }
    }
}
