using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

// Replies to list changes and the asynchronous reverse-list and phone notices (catalogue §3.3, §5.8).
public abstract partial class DialectWriter
{
    /// <summary>
    /// <c>SYN TrID ver</c> alone when the client's cached version is current, otherwise the whole
    /// list download in the dialect's shape (catalogue §5.6).
    /// </summary>
    public abstract void WriteSyncReply(IBufferWriter<byte> output, uint trId, uint clientVersion, ListSnapshot snapshot);

    /// <summary>
    /// <c>LST TrID LIST ver index total account name {groups}</c> per entry, or <c>LST TrID LIST ver 0 0</c>
    /// for an empty list: the reply to a client's <c>LST TrID LIST</c> request (MSNP2–7 only).
    /// </summary>
    public virtual void WriteListReply(IBufferWriter<byte> output, uint trId, ListKind list, ListSnapshot snapshot)
    {
        throw new NotSupportedException($"LST requests do not exist in {Dialect.Name}.");
    }

    /// <summary><c>ADD TrID LIST ver account nickname {groupId}</c>; the group is written for FL from MSNP7 only.</summary>
    public virtual void WriteAdded(IBufferWriter<byte> output, uint trId, ListKind list, uint version, string account, string nickname, int? groupId)
    {
        Require(!Dialect.HasGuids, "ADD");
        var line = Line(output, CommandCodes.Add, trId);
        line.Token(list.WireName());
        line.Number(version);
        line.Token(account);
        line.Token(nickname);
        OptionalGroup(ref line, list, groupId);
        line.End();
    }

    /// <summary><c>ADD 0 RL ver account friendlyName</c>, from MSNP10 <c>ADC 0 RL N=account F=friendlyName</c>: someone added the user to their forward list.</summary>
    public virtual void WriteReverseListAdded(IBufferWriter<byte> output, uint version, string account, string friendlyName)
    {
        if (Dialect.ListsFromAddressBook)
        {
            WriteMembershipChange(output, CommandCodes.Adl, account, ListKind.Reverse, friendlyName);
            return;
        }

        if (Dialect.HasGuids)
        {
            var adc = Line(output, CommandCodes.Adc, 0);
            adc.Token("RL"u8);
            adc.Token("N=" + account);
            adc.Token("F=" + friendlyName);
            adc.End();
            return;
        }

        var line = Line(output, CommandCodes.Add, 0);
        line.Token("RL"u8);
        line.Number(version);
        line.Token(account);
        line.Token(friendlyName);
        line.End();
    }

    /// <summary><c>REM TrID LIST ver account {groupId}</c>; the group is written for FL from MSNP7 only.</summary>
    public virtual void WriteRemoved(IBufferWriter<byte> output, uint trId, ListKind list, uint version, string account, int? groupId)
    {
        Require(!Dialect.HasGuids, "REM with a list version");
        var line = Line(output, CommandCodes.Rem, trId);
        line.Token(list.WireName());
        line.Number(version);
        line.Token(account);
        OptionalGroup(ref line, list, groupId);
        line.End();
    }

    /// <summary><c>REM 0 RL ver account</c> (no version from MSNP10): someone removed the user from their forward list.</summary>
    public virtual void WriteReverseListRemoved(IBufferWriter<byte> output, uint version, string account)
    {
        if (Dialect.ListsFromAddressBook)
        {
            WriteMembershipChange(output, CommandCodes.Rml, account, ListKind.Reverse, null);
            return;
        }

        var line = Line(output, CommandCodes.Rem, 0);
        line.Token("RL"u8);
        ListVersion(ref line, version);
        line.Token(account);
        line.End();
    }

    /// <summary><c>GTC TrID ver A|N</c> (no version from MSNP10): the reply to a <c>GTC</c> change.</summary>
    public virtual void WriteReverseListPrompt(IBufferWriter<byte> output, uint trId, uint version, ReverseListPrompt prompt)
    {
        var line = Line(output, CommandCodes.Gtc, trId);
        ListVersion(ref line, version);
        line.Token(prompt.WireName());
        line.End();
    }

    /// <summary><c>BLP TrID ver AL|BL</c> (no version from MSNP10): the reply to a <c>BLP</c> change.</summary>
    public virtual void WriteDefaultPrivacy(IBufferWriter<byte> output, uint trId, uint version, DefaultPrivacy privacy)
    {
        var line = Line(output, CommandCodes.Blp, trId);
        ListVersion(ref line, version);
        line.Token(privacy.WireName());
        line.End();
    }

    /// <summary><c>PRP TrID ver TYPE {value}</c> (MSNP5+; no version from MSNP10): the reply to a phone change; no value means cleared.</summary>
    public virtual void WritePhoneChanged(IBufferWriter<byte> output, uint trId, uint version, PhoneKind kind, string? value)
    {
        Require(Dialect.HasPhoneNumbers, "PRP");
        var line = Line(output, CommandCodes.Prp, trId);
        ListVersion(ref line, version);
        line.Token(kind.WireName());
        if (!string.IsNullOrEmpty(value))
        {
            line.Token(value);
        }

        line.End();
    }

    /// <summary><c>BPR ver account TYPE {value}</c> (MSNP5+; no version from MSNP10): a contact's phone setting changed.</summary>
    public virtual void WriteContactPhoneChanged(IBufferWriter<byte> output, uint version, string account, PhoneKind kind, string? value)
    {
        Require(Dialect.HasPhoneNumbers, "BPR");
        var line = Line(output, CommandCodes.Bpr, null);
        ListVersion(ref line, version);
        line.Token(account);
        line.Token(kind.WireName());
        if (!string.IsNullOrEmpty(value))
        {
            line.Token(value);
        }

        line.End();
    }

    /// <summary><c>REA TrID ver account name</c>: the user's friendly name, or a contact's nickname, changed (MSNP2–9).</summary>
    public virtual void WriteRenamed(IBufferWriter<byte> output, uint trId, uint version, string account, string name)
    {
        Require(Dialect.HasRename, "REA");
        var line = Line(output, CommandCodes.Rea, trId);
        line.Number(version);
        line.Token(account);
        line.Token(name);
        line.End();
    }

    /// <summary>Appends the list version, which replies carry up to MSNP9 only.</summary>
    protected void ListVersion(ref MsnpWriter.LineWriter line, uint version)
    {
        if (Dialect.ListsHaveVersions)
        {
            line.Number(version);
        }
    }

    private void OptionalGroup(ref MsnpWriter.LineWriter line, ListKind list, int? groupId)
    {
        if (groupId is { } id && list == ListKind.Forward && Dialect.HasGroups)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id, nameof(groupId));
            line.Number(id);
        }
    }
}
