using System.Globalization;
using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>Lists, groups and privacy: SYN, LST, ADD, REM, REA, GTC, BLP, PRP, ADG, RMG, REG (catalogue §3.3, §5.6, §5.8).</summary>
public sealed partial class NotificationSession
{
    internal async ValueTask HandleSyncAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        if (command.Parameters.Count < 1 || !uint.TryParse(command.Parameters[0], NumberStyles.None, CultureInfo.InvariantCulture, out var cached))
        {
            Connection.Close();
            return;
        }

        var snapshot = await Services.Contacts.GetSnapshotAsync(Account, cancellationToken: Aborted).ConfigureAwait(false)
            ?? throw new Storage.AccountRemovedException($"No account '{Account}'.");

        var model = snapshot.ToProtocol();
        await SendLongAsync((Writer, trId, cached, model), static (w, s) => s.Writer.WriteSyncReply(w, s.trId, s.cached, s.model)).ConfigureAwait(false);
    }

    internal async ValueTask HandleListRequestAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        if (command.Parameters.Count != 1 || !ListKinds.TryParse(command.Parameters[0], out var list))
        {
            Connection.Close();
            return;
        }

        var snapshot = await Services.Contacts.GetSnapshotAsync(Account, cancellationToken: Aborted).ConfigureAwait(false)
            ?? throw new Storage.AccountRemovedException($"No account '{Account}'.");
        var model = snapshot.ToProtocol();
        await SendLongAsync((Writer, trId, list, model), static (w, s) => s.Writer.WriteListReply(w, s.trId, s.list, s.model)).ConfigureAwait(false);
    }

    internal async ValueTask HandleAddAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 3 or > 4 || !ListKinds.TryParse(p[0], out var list))
        {
            Connection.Close();
            return;
        }

        // The RL belongs to the server: any attempt on it ends the connection (catalogue §3.3).
        if (list == ListKind.Reverse)
        {
            Connection.Close();
            return;
        }

        if (!IsAcceptableEncodedName(p[2]))
        {
            Connection.Close();
            return;
        }

        if (HasDisplayControls(p[2]))
        {
            SendError(MsnpErrorCode.NicknameChangeIllegal, trId);
            return;
        }

        if (!PassportName.TryParse(p[1], out var name))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        int? group = null;
        if (p.Count == 4)
        {
            if (list != ListKind.Forward || !Dialect!.HasGroups || !int.TryParse(p[3], NumberStyles.None, CultureInfo.InvariantCulture, out var g))
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            group = g;
        }
        else if (list == ListKind.Forward && Dialect!.HasGroups)
        {
            group = 0;
        }

        var contact = name.Normalized;
        var before = list == ListKind.Forward ? null : await PresenceFanout.CaptureVisibilityAsync(this, [contact]).ConfigureAwait(false);
        var result = await Services.Contacts.AddAsync(Account, list, contact, p[2], group, cancellationToken: Aborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            SendError(result.Error.Value, trId);
            return;
        }

        var nickname = p[2];
        Send((Writer, trId, list, version: result.Version, contact, nickname, group), static (w, s) => s.Writer.WriteAdded(w, s.trId, s.list, s.version, s.contact, s.nickname, s.group));
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

    internal async ValueTask HandleRemoveAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 2 or > 3 || !ListKinds.TryParse(p[0], out var list) || list == ListKind.Reverse)
        {
            Connection.Close();
            return;
        }

        int? group = null;
        if (p.Count == 3)
        {
            if (list != ListKind.Forward || !Dialect!.HasGroups || !int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var g))
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            group = g;
        }

        var contact = p[1].ToLowerInvariant();
        var before = list == ListKind.Forward ? null : await PresenceFanout.CaptureVisibilityAsync(this, [contact]).ConfigureAwait(false);
        var result = await Services.Contacts.RemoveAsync(Account, list, contact, group, cancellationToken: Aborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            SendError(result.Error.Value, trId);
            return;
        }

        Send((Writer, trId, list, version: result.Version, contact, group), static (w, s) => s.Writer.WriteRemoved(w, s.trId, s.list, s.version, s.contact, s.group));
        await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        if (before is not null)
        {
            await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        }
    }

    internal async ValueTask HandleRenameAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count != 2 || !IsAcceptableEncodedName(p[1]))
        {
            Connection.Close();
            return;
        }

        if (HasDisplayControls(p[1]))
        {
            SendError(MsnpErrorCode.NicknameChangeIllegal, trId);
            return;
        }

        var target = p[0].ToLowerInvariant();
        var self = target == Account;
        var result = self
            ? await Services.Contacts.SetFriendlyNameAsync(Account, p[1], cancellationToken: Aborted).ConfigureAwait(false)
            : await Services.Contacts.SetNicknameAsync(Account, target, p[1], cancellationToken: Aborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            SendError(result.Error.Value, trId);
            return;
        }

        var name = p[1];
        Send((Writer, trId, version: result.Version, target, name), static (w, s) => s.Writer.WriteRenamed(w, s.trId, s.version, s.target, s.name));
        if (self)
        {
            await SetFriendlyNameAsync(name).ConfigureAwait(false);
            if (PresenceOpened && Status != PresenceStatus.Hidden)
            {
                await PresenceFanout.AnnounceAsync(this).ConfigureAwait(false);
            }
        }
    }

    internal async ValueTask HandlePrivacyAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (command.Code == CommandCodes.Gtc)
        {
            if (p.Count != 1 || !PrivacyNames.TryParse(p[0], out ReverseListPrompt prompt))
            {
                Connection.Close();
                return;
            }

            var result = await Services.Contacts.SetGtcAsync(Account, prompt, cancellationToken: Aborted).ConfigureAwait(false);
            if (Reply(result, trId))
            {
                Send((Writer, trId, result.Version, prompt), static (w, s) => s.Writer.WriteReverseListPrompt(w, s.trId, s.Version, s.prompt));
            }
        }
        else
        {
            if (p.Count != 1 || !PrivacyNames.TryParse(p[0], out DefaultPrivacy privacy))
            {
                Connection.Close();
                return;
            }

            var before = await PresenceFanout.CaptureVisibilityAsync(this).ConfigureAwait(false);
            var result = await Services.Contacts.SetBlpAsync(Account, privacy, cancellationToken: Aborted).ConfigureAwait(false);
            if (Reply(result, trId))
            {
                Send((Writer, trId, result.Version, privacy), static (w, s) => s.Writer.WriteDefaultPrivacy(w, s.trId, s.Version, s.privacy));
                await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
            }
        }
    }

    internal async ValueTask HandlePhoneAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 1 or > 2 || !PhoneKinds.TryParse(p[0], out var kind))
        {
            SendErrorAndClose(MsnpErrorCode.NotExpected, trId);
            return;
        }

        string? value = p.Count == 2 ? p[1] : null;
        if (value is not null && (!WireText.IsToken(value) || PhoneNumber.ValidateEncoded(Encoding.UTF8.GetBytes(value)) == NameError.TooLong))
        {
            Connection.Close();
            return;
        }

        var result = await Services.Contacts.SetPhoneAsync(Account, kind, value, cancellationToken: Aborted).ConfigureAwait(false);
        if (Reply(result, trId))
        {
            Send((Writer, trId, result.Version, kind, value), static (w, s) => s.Writer.WritePhoneChanged(w, s.trId, s.Version, s.kind, s.value));
        }
    }

    internal async ValueTask HandleGroupAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (command.Code == CommandCodes.Adg)
        {
            if (p.Count is < 1 or > 2)
            {
                Connection.Close();
                return;
            }

            var name = p[0];
            if (!WireText.IsToken(name))
            {
                Connection.Close();
                return;
            }

            if (GroupNameRefusal(name) is { } refused)
            {
                SendError(refused, trId);
                return;
            }

            var result = await Services.Contacts.AddGroupAsync(Account, name, cancellationToken: Aborted).ConfigureAwait(false);
            if (Reply(result, trId))
            {
                Send((Writer, trId, result.Version, name, id: result.GroupId ?? 0), static (w, s) => s.Writer.WriteGroupAdded(w, s.trId, s.Version, s.name, s.id));
            }

            return;
        }

        if (p.Count < 1 || !int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out var groupId))
        {
            Connection.Close();
            return;
        }

        if (command.Code == CommandCodes.Rmg)
        {
            var result = groupId == 0 ? null : await Services.Contacts.RemoveGroupAsync(Account, groupId, cancellationToken: Aborted).ConfigureAwait(false);
            if (result is null)
            {
                SendError(MsnpErrorCode.CannotRemoveGroupZero, trId);
            }
            else if (Reply(result, trId))
            {
                Send((Writer, trId, result.Version, groupId), static (w, s) => s.Writer.WriteGroupRemoved(w, s.trId, s.Version, s.groupId));
                await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
            }

            return;
        }

        if (p.Count is < 2 or > 3)
        {
            Connection.Close();
            return;
        }

        var newName = p[1];
        if (!WireText.IsToken(newName))
        {
            Connection.Close();
            return;
        }

        if (GroupNameRefusal(newName) is { } refusedName)
        {
            SendError(refusedName, trId);
            return;
        }

        var renamed = await Services.Contacts.RenameGroupAsync(Account, groupId, newName, cancellationToken: Aborted).ConfigureAwait(false);
        if (Reply(renamed, trId))
        {
            Send((Writer, trId, renamed.Version, groupId, newName), static (w, s) => s.Writer.WriteGroupRenamed(w, s.trId, s.Version, s.groupId, s.newName));
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

    // A raw control character is never part of a URL-encoded name: it could split the lines the
    // name is later echoed into, so the store refuses it and the session closes before asking.
    // Escaped (%0A, %E2%80%A8, %E2%80%AE …), a control character, a line separator or a bidi
    // override would reach every client that shows the name: refused with 209 (docs/limits.md).
    private static bool HasDisplayControls(string name) =>
        Msnp.Protocol.Names.FriendlyName.ValidateEncoded(Encoding.UTF8.GetBytes(name)) == NameError.ForbiddenCharacter;

    // ADG and REG (every dialect): over 61 encoded bytes is 229; an escaped control character, line
    // separator or bidi override gets 209 as it does in a friendly name, and nothing is stored.
    private static MsnpErrorCode? GroupNameRefusal(string name) => GroupName.ValidateEncoded(Encoding.UTF8.GetBytes(name)) switch
    {
        NameError.TooLong => MsnpErrorCode.GroupNameTooLong,
        NameError.ForbiddenCharacter => MsnpErrorCode.NicknameChangeIllegal,
        _ => null,
    };

    private static bool IsAcceptableEncodedName(string name) =>
        WireText.IsToken(name) && Msnp.Protocol.Names.FriendlyName.ValidateEncoded(Encoding.UTF8.GetBytes(name)) != NameError.TooLong;
}
