using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

/// <summary>
/// MSNP8–MSNP9: the <c>SYN</c> reply announces how many contacts and groups follow, and the
/// lines after it carry no TrID and no version; each contact is one <c>LST</c> line with its list
/// bits (catalogue §5.5, §5.6).
/// </summary>
public sealed class TweenerDialectWriter : DialectWriter
{
    /// <summary>Creates the writer for an MSNP8 or MSNP9 dialect.</summary>
    public TweenerDialectWriter(MsnpDialect dialect)
        : base(dialect)
    {
        if (dialect.SyncLinesHaveTrId || !dialect.SyncHasCounts || dialect.HasGuids)
        {
            throw new ArgumentException($"{dialect.Name} does not deliver lists the MSNP8 way.", nameof(dialect));
        }
    }

    /// <inheritdoc/>
    public override void WriteSyncReply(IBufferWriter<byte> output, uint trId, uint clientVersion, ListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var syn = Line(output, CommandCodes.Syn, trId);
        syn.Number(snapshot.Version);
        if (clientVersion == snapshot.Version)
        {
            syn.End();
            return;
        }

        int contacts = 0;
        foreach (var contact in snapshot.Contacts)
        {
            contacts += contact.Lists != ListKind.None ? 1 : 0;
        }

        syn.Number(contacts);
        syn.Number(snapshot.Groups.Count);
        syn.End();

        var gtc = Line(output, CommandCodes.Gtc, null);
        gtc.Token(snapshot.Privacy.Prompt.WireName());
        gtc.End();

        var blp = Line(output, CommandCodes.Blp, null);
        blp.Token(snapshot.Privacy.Default.WireName());
        blp.End();

        foreach (var phone in snapshot.Phones)
        {
            var prp = Line(output, CommandCodes.Prp, null);
            prp.Token(phone.Kind.WireName());
            prp.Token(phone.Value);
            prp.End();
        }

        foreach (var group in snapshot.Groups)
        {
            var lsg = Line(output, CommandCodes.Lsg, null);
            lsg.Number(group.Id);
            lsg.Token(group.Name);
            lsg.Token("0"u8);
            lsg.End();
        }

        foreach (var contact in snapshot.Contacts)
        {
            if (contact.Lists != ListKind.None)
            {
                WriteContact(output, contact);
            }
        }
    }

    private static void WriteContact(IBufferWriter<byte> output, ContactEntry contact)
    {
        var lst = Line(output, CommandCodes.Lst, null);
        lst.Token(contact.Account);
        lst.Token(contact.Name);
        lst.Number((int)contact.Lists);
        if (contact.Lists.Contains(ListKind.Forward))
        {
            GroupList(ref lst, contact.Groups);
        }

        lst.End();
        foreach (var phone in contact.Phones)
        {
            var bpr = Line(output, CommandCodes.Bpr, null);
            bpr.Token(phone.Kind.WireName());
            bpr.Token(phone.Value);
            bpr.End();
        }
    }
}
