using System.Buffers;
using System.Globalization;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

// MSNP10+ list and group changes, addressed by GUID (later-dialects.md, MSNP10), and the MSNP11
// personal-status and login extras. GUIDs are written in the lower-case "D" form clients expect.
public abstract partial class DialectWriter
{
    /// <summary>
    /// <c>ADC TrID FL N=account F=nickname C=contactGuid</c> for the forward list,
    /// <c>ADC TrID LIST N=account</c> for the others (MSNP10+).
    /// </summary>
    public virtual void WriteContactAdded(IBufferWriter<byte> output, uint trId, ListKind list, string account, string? nickname, Guid contactId, Guid? groupId = null)
    {
        Require(Dialect.HasGuids, "ADC");
        var line = Line(output, CommandCodes.Adc, trId);
        line.Token(list.WireName());
        line.Token("N=" + account);
        if (list == ListKind.Forward)
        {
            if (!string.IsNullOrEmpty(nickname))
            {
                line.Token("F=" + nickname);
            }

            line.Token("C=" + GuidToken(contactId));
            if (groupId is { } group)
            {
                line.Token(GuidToken(group));
            }
        }

        line.End();
    }

    /// <summary><c>ADC TrID FL C=contactGuid groupGuid</c>: a forward-list contact was put in a group (MSNP10+).</summary>
    public virtual void WriteContactGrouped(IBufferWriter<byte> output, uint trId, Guid contactId, Guid groupId)
    {
        Require(Dialect.HasGuids, "ADC");
        var line = Line(output, CommandCodes.Adc, trId);
        line.Token("FL"u8);
        line.Token("C=" + GuidToken(contactId));
        line.Token(GuidToken(groupId));
        line.End();
    }

    /// <summary>
    /// <c>REM TrID FL contactGuid {groupGuid}</c>: a contact left the forward list, or only the group
    /// when one is given (MSNP10+).
    /// </summary>
    public virtual void WriteForwardContactRemoved(IBufferWriter<byte> output, uint trId, Guid contactId, Guid? groupId)
    {
        Require(Dialect.HasGuids, "REM FL by GUID");
        var line = Line(output, CommandCodes.Rem, trId);
        line.Token("FL"u8);
        line.Token(GuidToken(contactId));
        if (groupId is { } group)
        {
            line.Token(GuidToken(group));
        }

        line.End();
    }

    /// <summary><c>REM TrID AL|BL|RL|PL account</c>: a principal left a list other than FL (MSNP10+).</summary>
    public virtual void WriteContactRemoved(IBufferWriter<byte> output, uint trId, ListKind list, string account)
    {
        Require(Dialect.HasGuids, "REM without a list version");
        if (list == ListKind.Forward)
        {
            throw new ArgumentException("The forward list is addressed by contact GUID: use WriteForwardContactRemoved.", nameof(list));
        }

        var line = Line(output, CommandCodes.Rem, trId);
        line.Token(list.WireName());
        line.Token(account);
        line.End();
    }

    /// <summary><c>ADG TrID name groupGuid</c>: a group was created (MSNP10+, as msn-pecan reads it).</summary>
    public virtual void WriteGroupAdded(IBufferWriter<byte> output, uint trId, string name, Guid groupId)
    {
        Require(Dialect.HasGuids, "ADG with a GUID");
        var line = Line(output, CommandCodes.Adg, trId);
        line.Token(name);
        line.Token(GuidToken(groupId));
        line.End();
    }

    /// <summary><c>RMG TrID groupGuid</c>: a group was removed (MSNP10+).</summary>
    public virtual void WriteGroupRemoved(IBufferWriter<byte> output, uint trId, Guid groupId)
    {
        Require(Dialect.HasGuids, "RMG with a GUID");
        var line = Line(output, CommandCodes.Rmg, trId);
        line.Token(GuidToken(groupId));
        line.End();
    }

    /// <summary><c>REG TrID groupGuid name</c>: a group was renamed (MSNP10+).</summary>
    public virtual void WriteGroupRenamed(IBufferWriter<byte> output, uint trId, Guid groupId, string name)
    {
        Require(Dialect.HasGuids, "REG with a GUID");
        var line = Line(output, CommandCodes.Reg, trId);
        line.Token(GuidToken(groupId));
        line.Token(name);
        line.End();
    }

    /// <summary><c>PRP TrID MFN name</c>: the user's own friendly name changed (MSNP10+; <c>REA</c> before).</summary>
    public virtual void WriteOwnNameChanged(IBufferWriter<byte> output, uint trId, string friendlyName)
    {
        Require(Dialect.HasGuids, "PRP MFN");
        var line = Line(output, CommandCodes.Prp, trId);
        line.Token("MFN"u8);
        line.Token(friendlyName);
        line.End();
    }

    /// <summary><c>SBP TrID contactGuid TYPE value {flag}</c>: the echo of a contact property such as <c>MFN</c>, with the <c>PHM</c> flag when one was sent (MSNP10–12).</summary>
    public virtual void WriteContactPropertyChanged(IBufferWriter<byte> output, uint trId, Guid contactId, string property, string value, string? flag = null)
    {
        Require(Dialect.HasContactProperties, "SBP");
        var line = Line(output, CommandCodes.Sbp, trId);
        line.Token(GuidToken(contactId));
        line.Token(property);
        line.Token(value);
        if (flag is not null)
        {
            line.Token(flag);
        }

        line.End();
    }

    /// <summary><c>UUX TrID 0</c>: the personal status was stored (MSNP11+).</summary>
    public virtual void WritePersonalStatusStored(IBufferWriter<byte> output, uint trId)
    {
        Require(Dialect.HasPersonalMessages, "UUX");
        var line = Line(output, CommandCodes.Uux, trId);
        line.Token("0"u8);
        line.End();
    }

    /// <summary>
    /// <c>UBX account len</c> and the XML payload: a contact's personal status (MSNP11–13);
    /// <c>UBX account 1 len</c> (MSNP14–17), <c>UBX 1:account len</c> (MSNP18).
    /// </summary>
    public virtual void WritePersonalStatus(IBufferWriter<byte> output, string account, ReadOnlySpan<byte> payload)
    {
        Require(Dialect.HasPersonalMessages, "UBX");
        string[] handle = Dialect.PresenceHandle switch
        {
            PresenceHandleStyle.NetworkPrefixed => ["1:" + account],
            PresenceHandleStyle.AccountAndNetwork => [account, "1"],
            _ => [account],
        };
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Ubx, null, handle, payload);
    }

    /// <summary><c>SBS 0 null</c>: sent right after <c>USR … OK</c> from MSNP11 (its meaning was never documented; clients ignore it).</summary>
    public virtual void WriteSbs(IBufferWriter<byte> output)
    {
        Require(Dialect.SendsMailData, "SBS");
        var line = Line(output, CommandCodes.Sbs, 0);
        line.Token("null"u8);
        line.End();
    }

    /// <summary><c>GCF TrID filename len</c> and the file: the answer to <c>GCF TrID filename</c> (MSNP11+).</summary>
    public virtual void WriteConfigFile(IBufferWriter<byte> output, uint trId, string fileName, ReadOnlySpan<byte> payload)
    {
        Require(Dialect.HasConfigFiles, "GCF");
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Gcf, trId, [fileName], payload);
    }

    /// <summary>A GUID as MSNP10+ writes it: lower-case, hyphenated, no braces.</summary>
    public static string GuidToken(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
