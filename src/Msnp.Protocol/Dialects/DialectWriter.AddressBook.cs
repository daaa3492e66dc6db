using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Dialects;

// MSNP13+: lists announced with ADL/RML (XML), FQY and UUN answers
// (later-dialects.md; escargot msnp_ns.py, Pidgin 2.10 notification.c).
public abstract partial class DialectWriter
{
    /// <summary><c>ADL TrID OK</c> or <c>RML TrID OK</c>: the client's list change was applied (MSNP13+).</summary>
    public virtual void WriteListChangeAccepted(IBufferWriter<byte> output, CommandCode code, uint trId)
    {
        Require(Dialect.ListsFromAddressBook, code.ToString());
        if (code != CommandCodes.Adl && code != CommandCodes.Rml)
        {
            throw new ArgumentException("Only ADL and RML are acknowledged this way.", nameof(code));
        }

        var line = Line(output, code, trId);
        line.Token("OK"u8);
        line.End();
    }

    /// <summary>
    /// <c>ADL 0 len</c> / <c>RML 0 len</c> with <c>&lt;ml&gt;&lt;d n="domain"&gt;&lt;c n="local" l="bits" t="1" f="name" /&gt;&lt;/d&gt;&lt;/ml&gt;</c>:
    /// the server tells the user that someone put them on (or took them off) a list, such as the RL (MSNP13+).
    /// </summary>
    public virtual void WriteMembershipChange(IBufferWriter<byte> output, CommandCode code, string account, ListKind lists, string? friendlyName)
    {
        Require(Dialect.ListsFromAddressBook, code.ToString());
        var names = friendlyName is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [account] = friendlyName };
        var payload = MembershipList.Write([new MembershipEntry(account, (int)lists, 1)], names);
        MsnpWriter.WritePayloadCommand(output, code, 0, [], payload);
    }

    /// <summary><c>FQY TrID len</c> and the XML naming each address's network (MSNP14+).</summary>
    public virtual void WriteFederatedQueryReply(IBufferWriter<byte> output, uint trId, IEnumerable<MembershipEntry> entries)
    {
        Require(Dialect.HasFederatedQuery, "FQY");
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Fqy, trId, [], MembershipList.Write(entries));
    }

    /// <summary><c>UUN TrID OK</c>: the notification was passed on (MSNP13+).</summary>
    public virtual void WriteUserNotificationAccepted(IBufferWriter<byte> output, uint trId)
    {
        Require(Dialect.HasUserNotifications, "UUN");
        var line = Line(output, CommandCodes.Uun, trId);
        line.Token("OK"u8);
        line.End();
    }

    /// <summary><c>UBN account type len</c> and the payload: a notification from a contact or the user's other endpoint (MSNP13+).</summary>
    public virtual void WriteUserNotification(IBufferWriter<byte> output, string sender, int type, ReadOnlySpan<byte> payload)
    {
        Require(Dialect.HasUserNotifications, "UBN");
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Ubn, null, [sender, type.ToString(System.Globalization.CultureInfo.InvariantCulture)], payload);
    }
}
