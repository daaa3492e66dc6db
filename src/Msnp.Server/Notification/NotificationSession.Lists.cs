using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>Lists, groups and privacy: SYN, LST, ADD, REM, REA, GTC, BLP, PRP, ADG, RMG, REG (catalogue §3.3, §5.6, §5.8).</summary>
public sealed partial class NotificationSession
{
    internal async ValueTask HandleSyncAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await Services.Contacts.GetSnapshotAsync(Account, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new Storage.AccountRemovedException($"No account '{Account}'.");

        var model = snapshot.ToProtocol();
        await SendLongAsync((Writer, request, model), static (w, s) => s.Writer.WriteSyncReply(w, s.request.TrId, s.request.CachedVersion, s.model)).ConfigureAwait(false);
    }

    internal async ValueTask HandleListRequestAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await Services.Contacts.GetSnapshotAsync(Account, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new Storage.AccountRemovedException($"No account '{Account}'.");
        var model = snapshot.ToProtocol();
        await SendLongAsync((Writer, request, model), static (w, s) => s.Writer.WriteListReply(w, s.request.TrId, s.request.List, s.model)).ConfigureAwait(false);
    }

    internal async ValueTask HandleAddAsync(AddRequest request, CancellationToken cancellationToken)
    {
        var (trId, list, contact, nickname, group) = request;
        var before = list == ListKind.Forward ? null : await PresenceFanout.CaptureVisibilityAsync(this, [contact]).ConfigureAwait(false);
        var result = await Services.Contacts.AddAsync(Account, list, contact, nickname, group, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            SendError(result.Error.Value, trId);
            return;
        }

        Send((Writer, request, version: result.Version), static (w, s) => s.Writer.WriteAdded(w, s.request.TrId, s.request.List, s.version, s.request.Account, s.request.Nickname, s.request.Group));
        await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        if (before is not null)
        {
            await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        }
        else if (result.ReverseListChanges.Count > 0 && PresenceOpened)
        {
            // A new FL contact (not just a new group for one) who is online and allows the user. Before
            // the first CHG nothing is sent: that CHG's ILN burst includes the contact.
            await PresenceFanout.SendInitialPresenceOfAsync(this, contact, trId).ConfigureAwait(false);
        }
    }

    internal async ValueTask HandleRemoveAsync(RemoveRequest request, CancellationToken cancellationToken)
    {
        var (trId, list, contact, group) = request;
        var before = list == ListKind.Forward ? null : await PresenceFanout.CaptureVisibilityAsync(this, [contact]).ConfigureAwait(false);
        var result = await Services.Contacts.RemoveAsync(Account, list, contact, group, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            SendError(result.Error.Value, trId);
            return;
        }

        Send((Writer, request, version: result.Version), static (w, s) => s.Writer.WriteRemoved(w, s.request.TrId, s.request.List, s.version, s.request.Account, s.request.Group));
        await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        if (before is not null)
        {
            await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        }
    }

    internal async ValueTask HandleRenameAsync(RenameRequest request, CancellationToken cancellationToken)
    {
        var (trId, target, name) = request;
        var self = target == Account;
        var result = self
            ? await Services.Contacts.SetFriendlyNameAsync(Account, name, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await Services.Contacts.SetNicknameAsync(Account, target, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            SendError(result.Error.Value, trId);
            return;
        }

        Send((Writer, request, version: result.Version), static (w, s) => s.Writer.WriteRenamed(w, s.request.TrId, s.version, s.request.Target, s.request.Name));
        if (self)
        {
            await SetFriendlyNameAsync(name).ConfigureAwait(false);
            if (PresenceOpened && Status != PresenceStatus.Hidden)
            {
                await PresenceFanout.AnnounceAsync(this).ConfigureAwait(false);
            }
        }
    }

    internal async ValueTask HandlePromptAsync(PromptRequest request, CancellationToken cancellationToken)
    {
        var result = await Services.Contacts.SetGtcAsync(Account, request.Prompt, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(result, request.TrId))
        {
            Send((Writer, request, result.Version), static (w, s) => s.Writer.WriteReverseListPrompt(w, s.request.TrId, s.Version, s.request.Prompt));
        }
    }

    internal async ValueTask HandlePrivacyAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        var before = await PresenceFanout.CaptureVisibilityAsync(this).ConfigureAwait(false);
        var result = await Services.Contacts.SetBlpAsync(Account, request.Default, cancellationToken: cancellationToken).ConfigureAwait(false);

        // MSNP13+ clients send BLP after every sign-in whatever the setting (Pidgin, BitlBee): the
        // unchanged mode is confirmed, not 218 (escargot _m_blp).
        if (result.Error == MsnpErrorCode.AlreadyInTheMode && Dialect!.ListsFromAddressBook)
        {
            Send((Writer, request), static (w, s) => s.Writer.WriteDefaultPrivacy(w, s.request.TrId, 0, s.request.Default));
            return;
        }

        if (Reply(result, request.TrId))
        {
            Send((Writer, request, result.Version), static (w, s) => s.Writer.WriteDefaultPrivacy(w, s.request.TrId, s.Version, s.request.Default));
            await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        }
    }

    /// <summary><c>PRP TrID TYPE {value}</c>: a phone setting; from MSNP10 <c>PRP TrID MFN name</c>, the own friendly name.</summary>
    internal async ValueTask HandlePropertyAsync(PropertyRequest request, CancellationToken cancellationToken)
    {
        if (request.Phone is not { } kind)
        {
            await HandleOwnNameAsync(request.TrId, request.Value!, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await Services.Contacts.SetPhoneAsync(Account, kind, request.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(result, request.TrId))
        {
            Send((Writer, request, result.Version, kind), static (w, s) => s.Writer.WritePhoneChanged(w, s.request.TrId, s.Version, s.kind, s.request.Value));
        }
    }

    internal async ValueTask HandleAddGroupAsync(AddGroupRequest request, CancellationToken cancellationToken)
    {
        var result = await Services.Contacts.AddGroupAsync(Account, request.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(result, request.TrId))
        {
            Send((Writer, request, result.Version, id: result.GroupId ?? 0), static (w, s) => s.Writer.WriteGroupAdded(w, s.request.TrId, s.Version, s.request.Name, s.id));
        }
    }

    internal async ValueTask HandleRemoveGroupAsync(RemoveGroupRequest request, CancellationToken cancellationToken)
    {
        var (trId, groupId) = request;
        var result = groupId == 0 ? null : await Services.Contacts.RemoveGroupAsync(Account, groupId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            SendError(MsnpErrorCode.CannotRemoveGroupZero, trId);
        }
        else if (Reply(result, trId))
        {
            Send((Writer, trId, result.Version, groupId), static (w, s) => s.Writer.WriteGroupRemoved(w, s.trId, s.Version, s.groupId));
            await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        }
    }

    internal async ValueTask HandleRenameGroupAsync(RenameGroupRequest request, CancellationToken cancellationToken)
    {
        var renamed = await Services.Contacts.RenameGroupAsync(Account, request.Group, request.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Reply(renamed, request.TrId))
        {
            Send((Writer, request, renamed.Version), static (w, s) => s.Writer.WriteGroupRenamed(w, s.request.TrId, s.Version, s.request.Group, s.request.Name));
        }
    }

    private bool Reply(ListChangeResult result, uint trId)
    {
        if (result.Succeeded)
        {
            return true;
        }

        SendError(result.Error.Value, trId);
        return false;
    }

    // ADD 0 RL / REM 0 RL to the other side, when it is signed in (catalogue §5.8).
    private async ValueTask NotifyReverseListChangesAsync(ListChangeResult result)
    {
        foreach (var change in result.ReverseListChanges)
        {
            EndpointNotification notification = change.Kind == ReverseListChangeKind.Added
                ? new ReverseListAddedNotification(Account, FriendlyName, change.Version)
                : new ReverseListRemovedNotification(Account, change.Version);
            await Services.Presence.Delivery.DeliverToAccountAsync(change.Account, notification).ConfigureAwait(false);
        }
    }
}
