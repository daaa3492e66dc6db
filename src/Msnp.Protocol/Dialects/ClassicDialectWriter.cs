using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

/// <summary>
/// MSNP2–MSNP7: every list line carries the TrID of the <c>SYN</c> and the list version, and
/// lists are delivered one after another (FL, AL, BL, RL) with an index and total per list.
/// Phone lines join from MSNP5, groups from MSNP7 (catalogue §5.6).
/// </summary>
public sealed class ClassicDialectWriter : DialectWriter
{
    /// <summary>Creates the writer for an MSNP2–MSNP7 dialect.</summary>
    public ClassicDialectWriter(MsnpDialect dialect)
        : base(dialect)
    {
        if (!dialect.SyncLinesHaveTrId || dialect.SyncHasCounts)
        {
            throw new ArgumentException($"{dialect.Name} does not deliver lists the MSNP2–MSNP7 way.", nameof(dialect));
        }
    }

    /// <inheritdoc/>
    public override void WriteSyncReply(IBufferWriter<byte> output, uint trId, uint clientVersion, ListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var syn = Line(output, CommandCodes.Syn, trId);
        syn.Number(snapshot.Version);
        syn.End();
        if (clientVersion == snapshot.Version)
        {
            return;
        }

        var gtc = Line(output, CommandCodes.Gtc, trId);
        gtc.Number(snapshot.Version);
        gtc.Token(snapshot.Privacy.Prompt.WireName());
        gtc.End();

        var blp = Line(output, CommandCodes.Blp, trId);
        blp.Number(snapshot.Version);
        blp.Token(snapshot.Privacy.Default.WireName());
        blp.End();

        if (Dialect.HasPhoneNumbers)
        {
            foreach (var phone in snapshot.Phones)
            {
                var prp = Line(output, CommandCodes.Prp, trId);
                prp.Number(snapshot.Version);
                prp.Token(phone.Kind.WireName());
                prp.Token(phone.Value);
                prp.End();
            }
        }

        if (Dialect.HasGroups)
        {
            for (int i = 0; i < snapshot.Groups.Count; i++)
            {
                var group = snapshot.Groups[i];
                var lsg = Line(output, CommandCodes.Lsg, trId);
                lsg.Number(snapshot.Version);
                lsg.Number(i + 1);
                lsg.Number(snapshot.Groups.Count);
                lsg.Number(group.Id);
                lsg.Token(group.Name);
                lsg.Token("0"u8);
                lsg.End();
            }
        }

        foreach (var list in ListKinds.SyncOrder)
        {
            WriteList(output, trId, list, snapshot, withPhones: Dialect.HasPhoneNumbers);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Unlike the same lines inside a <c>SYN</c> reply, no <c>BPR</c> lines follow the entries.</remarks>
    public override void WriteListReply(IBufferWriter<byte> output, uint trId, ListKind list, ListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        WriteList(output, trId, list, snapshot, withPhones: false);
    }

    private void WriteList(IBufferWriter<byte> output, uint trId, ListKind list, ListSnapshot snapshot, bool withPhones)
    {
        var name = list.WireName();
        int total = 0;
        foreach (var contact in snapshot.Contacts)
        {
            total += contact.Lists.Contains(list) ? 1 : 0;
        }

        if (total == 0)
        {
            var empty = Line(output, CommandCodes.Lst, trId);
            empty.Token(name);
            empty.Number(snapshot.Version);
            empty.Token("0"u8);
            empty.Token("0"u8);
            empty.End();
            return;
        }

        bool forward = list == ListKind.Forward;
        int index = 0;
        foreach (var contact in snapshot.Contacts)
        {
            if (!contact.Lists.Contains(list))
            {
                continue;
            }

            var lst = Line(output, CommandCodes.Lst, trId);
            lst.Token(name);
            lst.Number(snapshot.Version);
            lst.Number(++index);
            lst.Number(total);
            lst.Token(contact.Account);
            lst.Token(contact.Name);
            if (forward && Dialect.HasGroups)
            {
                GroupList(ref lst, contact.Groups);
            }

            lst.End();
            if (forward && withPhones)
            {
                foreach (var phone in contact.Phones)
                {
                    var bpr = Line(output, CommandCodes.Bpr, null);
                    bpr.Number(snapshot.Version);
                    bpr.Token(contact.Account);
                    bpr.Token(phone.Kind.WireName());
                    bpr.Token(phone.Value);
                    bpr.End();
                }
            }
        }
    }
}
