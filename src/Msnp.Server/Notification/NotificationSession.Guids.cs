using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>
/// The list commands of MSNP10+, where contacts and groups are GUIDs and replies carry no list
/// version: <c>SYN ts ts</c>, <c>ADC</c>, <c>REM</c>, <c>ADG</c>/<c>RMG</c>/<c>REG</c>, <c>PRP MFN</c>,
/// <c>SBP</c>, and <c>REA</c> refused (later-dialects.md, MSNP10). The store keeps one model for all
/// versions; GUIDs are resolved to it within the user's own lists only.
/// </summary>
public sealed partial class NotificationSession
{
    /// <summary><c>SYN TrID listStamp profileStamp</c>: the stamps alone when current, otherwise the whole list with <c>PRP MFN</c>.</summary>
    internal async ValueTask HandleStampedSyncAsync(StampedSyncRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await Services.Contacts.GetSnapshotAsync(Account, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new Storage.AccountRemovedException($"No account '{Account}'.");

        var model = snapshot.ToProtocol() with { FriendlyName = FriendlyName };
        var writer = (GuidDialectWriter)Writer;
        await SendLongAsync((writer, request, model), static (w, s) => s.writer.WriteSyncReply(w, s.request.TrId, s.request.ListStamp, s.request.ProfileStamp, s.model)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>ADC TrID FL N=account F=nick {groupGuid}</c>, <c>ADC TrID FL C=contactGuid groupGuid</c>,
    /// <c>ADC TrID AL|BL N=account</c>. The RL is the server's (close); so is the PL (MSNP11+), which
    /// the client only empties, with <c>REM TrID PL account</c> or by allowing or blocking.
    /// </summary>
    internal async ValueTask HandleAddContactAsync(AddContactRequest request, CancellationToken cancellationToken)
    {
        if (request.ContactGuid is { } contactGuid)
        {
            await GroupContactAsync(request.TrId, contactGuid, request.GroupGuid ?? Guid.Empty, cancellationToken).ConfigureAwait(false);
            return;
        }

        var trId = request.TrId;
        var list = request.List;
        var contact = request.Account!;
        var nickname = request.Nickname;
        var groupGuid = request.GroupGuid;
        int? group = list == ListKind.Forward ? 0 : null;
        if (groupGuid is { } g)
        {
            if (await FindGroupAsync(g, cancellationToken).ConfigureAwait(false) is not { } id)
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            group = id;
        }

        var before = list == ListKind.Forward ? null : await PresenceFanout.CaptureVisibilityAsync(this, [contact]).ConfigureAwait(false);
        var result = await Services.Contacts.AddAsync(Account, list, contact, nickname, group, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!Reply(result, trId))
        {
            return;
        }

        var guid = result.ContactGuid ?? Guid.Empty;
        Send((Writer, trId, list, contact, nickname, guid, groupGuid), static (w, s) => s.Writer.WriteContactAdded(w, s.trId, s.list, s.contact, s.nickname, s.guid, s.groupGuid));
        await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        if (before is not null)
        {
            await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        }
        else if (result.ReverseListChanges.Count > 0 && PresenceOpened)
        {
            await PresenceFanout.SendInitialPresenceOfAsync(this, contact, trId).ConfigureAwait(false);
        }
    }

    private async ValueTask GroupContactAsync(uint trId, Guid contactGuid, Guid groupGuid, CancellationToken cancellationToken)
    {
        var contact = await Services.Contacts.FindContactAsync(Account, contactGuid, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            SendError(MsnpErrorCode.PrincipalNotOnList, trId);
            return;
        }

        if (await FindGroupAsync(groupGuid, cancellationToken).ConfigureAwait(false) is not { } group)
        {
            SendError(MsnpErrorCode.InvalidGroup, trId);
            return;
        }

        // Already on the FL: only the group is added (215 when it is in that group already).
        var result = await Services.Contacts.AddAsync(Account, ListKind.Forward, contact, contact, group, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(result, trId))
        {
            Send((Writer, trId, contactGuid, groupGuid), static (w, s) => s.Writer.WriteContactGrouped(w, s.trId, s.contactGuid, s.groupGuid));
            await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        }
    }

    /// <summary><c>REM TrID FL contactGuid {groupGuid}</c>, <c>REM TrID AL|BL|PL account</c>.</summary>
    internal async ValueTask HandleRemoveContactAsync(RemoveContactRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        var list = request.List;
        if (request.Account is { } account)
        {
            if (list == ListKind.Pending)
            {
                if (Reply(await Services.Contacts.RemovePendingAsync(Account, account, cancellationToken: cancellationToken).ConfigureAwait(false), trId))
                {
                    Send((Writer, trId, list, account), static (w, s) => s.Writer.WriteContactRemoved(w, s.trId, s.list, s.account));
                }

                return;
            }

            var before = await PresenceFanout.CaptureVisibilityAsync(this, [account]).ConfigureAwait(false);
            var removed = await Services.Contacts.RemoveAsync(Account, list, account, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (Reply(removed, trId))
            {
                Send((Writer, trId, list, account), static (w, s) => s.Writer.WriteContactRemoved(w, s.trId, s.list, s.account));
                await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
            }

            return;
        }

        var contactGuid = request.ContactGuid!.Value;
        var contact = await Services.Contacts.FindContactAsync(Account, contactGuid, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            SendError(MsnpErrorCode.PrincipalNotOnList, trId);
            return;
        }

        var groupGuid = request.GroupGuid;
        int? group = null;
        if (groupGuid is { } g)
        {
            if (await FindGroupAsync(g, cancellationToken).ConfigureAwait(false) is not { } id)
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            group = id;
        }

        var result = await Services.Contacts.RemoveAsync(Account, ListKind.Forward, contact, group, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(result, trId))
        {
            Send((Writer, trId, contactGuid, groupGuid), static (w, s) => s.Writer.WriteForwardContactRemoved(w, s.trId, s.contactGuid, s.groupGuid));
            await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        }
    }

    /// <summary><c>ADG TrID name {0}</c>: answered with the new group's GUID.</summary>
    internal async ValueTask HandleAddGuidGroupAsync(AddGroupRequest request, CancellationToken cancellationToken)
    {
        var added = await Services.Contacts.AddGroupAsync(Account, request.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(added, request.TrId))
        {
            var guid = added.GroupGuid ?? Guid.Empty;
            Send((Writer, request, guid), static (w, s) => s.Writer.WriteGroupAdded(w, s.request.TrId, s.request.Name, s.guid));
        }
    }

    /// <summary><c>RMG TrID groupGuid</c>.</summary>
    internal async ValueTask HandleRemoveGroupAsync(RemoveGuidGroupRequest request, CancellationToken cancellationToken)
    {
        var (trId, groupGuid) = request;
        if (await FindGroupAsync(groupGuid, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            SendError(MsnpErrorCode.InvalidGroup, trId);
            return;
        }

        var removed = await Services.Contacts.RemoveGroupAsync(Account, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(removed, trId))
        {
            Send((Writer, trId, groupGuid), static (w, s) => s.Writer.WriteGroupRemoved(w, s.trId, s.groupGuid));
            await NotifyReverseListChangesAsync(removed).ConfigureAwait(false);
        }
    }

    /// <summary><c>REG TrID groupGuid name {0}</c>.</summary>
    internal async ValueTask HandleRenameGroupAsync(RenameGuidGroupRequest request, CancellationToken cancellationToken)
    {
        var (trId, groupGuid, newName) = request;
        if (await FindGroupAsync(groupGuid, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            SendError(MsnpErrorCode.InvalidGroup, trId);
            return;
        }

        var renamed = await Services.Contacts.RenameGroupAsync(Account, id, newName, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(renamed, trId))
        {
            Send((Writer, trId, groupGuid, newName), static (w, s) => s.Writer.WriteGroupRenamed(w, s.trId, s.groupGuid, s.newName));
        }
    }

    /// <summary><c>PRP TrID MFN name</c>: the own friendly name (MSNP10+).</summary>
    private async ValueTask HandleOwnNameAsync(uint trId, string name, CancellationToken cancellationToken)
    {
        var result = await Services.Contacts.SetFriendlyNameAsync(Account, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!Reply(result, trId))
        {
            return;
        }

        Send((Writer, trId, name), static (w, s) => s.Writer.WriteOwnNameChanged(w, s.trId, s.name));
        await SetFriendlyNameAsync(name).ConfigureAwait(false);
        if (PresenceOpened && Status != PresenceStatus.Hidden)
        {
            await PresenceFanout.AnnounceAsync(this).ConfigureAwait(false);
        }

        if (PresenceOpened)
        {
            await PresenceFanout.AnnounceToOwnEndpointsAsync(this, changed: true).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>SBP TrID contactGuid property value {flag}</c> (MSNP10–12): <c>MFN</c> stores the nickname
    /// shown for the contact; the other properties of <see cref="ContactProperties"/> are the client's
    /// own notes on the contact and are confirmed as sent (yellows111's SBP page; Escargot does the
    /// same).
    /// </summary>
    internal async ValueTask HandleContactPropertyAsync(ContactPropertyRequest request, CancellationToken cancellationToken)
    {
        var (trId, contactGuid, property, value, flag) = request;
        var contact = await Services.Contacts.FindContactAsync(Account, contactGuid, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            SendError(MsnpErrorCode.PrincipalNotOnList, trId);
            return;
        }

        if (property == ContactProperties.Nickname)
        {
            var result = await Services.Contacts.SetNicknameAsync(Account, contact, value, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!Reply(result, trId))
            {
                return;
            }
        }

        Send((Writer, request), static (w, s) => s.Writer.WriteContactPropertyChanged(w, s.request.TrId, s.request.ContactGuid, s.request.Property, s.request.Value, s.request.Flag));
    }

    // The empty GUID is what the reader makes of a group token that is not a GUID: it names no group.
    private async ValueTask<int?> FindGroupAsync(Guid group, CancellationToken cancellationToken) =>
        group == Guid.Empty ? null : await Services.Contacts.FindGroupIdAsync(Account, group, cancellationToken: cancellationToken).ConfigureAwait(false);
}
