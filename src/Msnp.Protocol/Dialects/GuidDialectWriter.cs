using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

/// <summary>
/// MSNP10–MSNP12: the <c>SYN</c> reply carries two cache stamps instead of a version, the own name
/// as <c>PRP MFN</c>, groups as <c>LSG name guid</c> and contacts as
/// <c>LST N=account F=name C=guid bits {networkId} groupGuids</c> (later-dialects.md, MSNP10/12).
/// </summary>
public sealed class GuidDialectWriter : DialectWriter
{
    /// <summary>Creates the writer for an MSNP10+ dialect.</summary>
    public GuidDialectWriter(MsnpDialect dialect)
        : base(dialect)
    {
        if (!dialect.HasGuids)
        {
            throw new ArgumentException($"{dialect.Name} does not address contacts by GUID.", nameof(dialect));
        }
    }

    /// <inheritdoc/>
    /// <remarks>The client's cache is current when <paramref name="clientVersion"/> equals the snapshot's; see <see cref="SyncTimestamps"/>.</remarks>
    public override void WriteSyncReply(IBufferWriter<byte> output, uint trId, uint clientVersion, ListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        WriteSync(output, trId, clientVersion == snapshot.Version, snapshot);
    }

    /// <summary>
    /// The reply to <c>SYN TrID listStamp profileStamp</c>: the stamps alone when both match the
    /// snapshot, otherwise the whole list.
    /// </summary>
    public void WriteSyncReply(IBufferWriter<byte> output, uint trId, ReadOnlySpan<char> listStamp, ReadOnlySpan<char> profileStamp, ListSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        bool current = SyncTimestamps.TryReadVersion(listStamp, out var a) && SyncTimestamps.TryReadVersion(profileStamp, out var b)
            && a == snapshot.Version && b == snapshot.Version;
        WriteSync(output, trId, current, snapshot);
    }

    private void WriteSync(IBufferWriter<byte> output, uint trId, bool current, ListSnapshot snapshot)
    {
        var stamp = SyncTimestamps.FromVersion(snapshot.Version);
        var syn = Line(output, CommandCodes.Syn, trId);
        syn.Token(stamp);
        syn.Token(stamp);
        if (current)
        {
            syn.End();
            return;
        }

        int contacts = 0;
        foreach (var contact in snapshot.Contacts)
        {
            contacts += contact.Lists != ListKind.None ? 1 : 0;
        }

        int groups = 0;
        foreach (var group in snapshot.Groups)
        {
            groups += group.Id != 0 ? 1 : 0;
        }

        syn.Number(contacts);
        syn.Number(groups);
        syn.End();

        var gtc = Line(output, CommandCodes.Gtc, null);
        gtc.Token(snapshot.Privacy.Prompt.WireName());
        gtc.End();

        var blp = Line(output, CommandCodes.Blp, null);
        blp.Token(snapshot.Privacy.Default.WireName());
        blp.End();

        if (!string.IsNullOrEmpty(snapshot.FriendlyName))
        {
            var mfn = Line(output, CommandCodes.Prp, null);
            mfn.Token("MFN"u8);
            mfn.Token(snapshot.FriendlyName);
            mfn.End();
        }

        foreach (var phone in snapshot.Phones)
        {
            var prp = Line(output, CommandCodes.Prp, null);
            prp.Token(phone.Kind.WireName());
            prp.Token(phone.Value);
            prp.End();
        }

        foreach (var group in snapshot.Groups)
        {
            if (group.Id == 0)
            {
                continue;
            }

            var lsg = Line(output, CommandCodes.Lsg, null);
            lsg.Token(group.Name);
            lsg.Token(GuidToken(group.Guid));
            lsg.End();
        }

        foreach (var contact in snapshot.Contacts)
        {
            if (contact.Lists != ListKind.None)
            {
                WriteContact(output, contact, snapshot.Groups);
            }
        }
    }

    private void WriteContact(IBufferWriter<byte> output, ContactEntry contact, IReadOnlyList<GroupEntry> groups)
    {
        bool forward = contact.Lists.Contains(ListKind.Forward);
        var lst = Line(output, CommandCodes.Lst, null);
        lst.Token("N=" + contact.Account);
        lst.Token("F=" + contact.Name);
        if (forward && contact.ContactId is { } id)
        {
            lst.Token("C=" + GuidToken(id));
        }

        lst.Number((int)(contact.Pending && Dialect.HasPendingList ? contact.Lists | ListKind.Pending : contact.Lists));
        if (Dialect.ListHasNetworkId)
        {
            lst.Token("1"u8);
        }

        if (forward)
        {
            var guids = GroupGuids(contact.Groups, groups);
            if (guids.Length > 0)
            {
                lst.Token(guids);
            }
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

    // Group 0 and ids the snapshot does not list have no GUID: the contact is ungrouped there.
    private static string GroupGuids(IReadOnlyList<int> ids, IReadOnlyList<GroupEntry> groups)
    {
        if (ids.Count == 0)
        {
            return string.Empty;
        }

        var tokens = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            foreach (var group in groups)
            {
                if (group.Id == id && id != 0)
                {
                    tokens.Add(GuidToken(group.Guid));
                    break;
                }
            }
        }

        return string.Join(',', tokens);
    }
}
