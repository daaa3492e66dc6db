using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;
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
    internal async ValueTask HandleStampedSyncAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 1 or > 2)
        {
            Connection.Close();
            return;
        }

        var snapshot = await Services.Contacts.GetSnapshotAsync(Account, cancellationToken: Aborted).ConfigureAwait(false)
            ?? throw new Storage.AccountRemovedException($"No account '{Account}'.");

        var model = snapshot.ToProtocol() with { FriendlyName = FriendlyName };
        var writer = (GuidDialectWriter)Writer;
        var listStamp = p[0];
        var profileStamp = p.Count == 2 ? p[1] : p[0];
        await SendLongAsync((writer, trId, listStamp, profileStamp, model), static (w, s) => s.writer.WriteSyncReply(w, s.trId, s.listStamp, s.profileStamp, s.model)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>ADC TrID FL N=account F=nick {groupGuid}</c>, <c>ADC TrID FL C=contactGuid groupGuid</c>,
    /// <c>ADC TrID AL|BL N=account</c>. The RL is the server's (close); so is the PL (MSNP11+), which
    /// the client only empties, with <c>REM TrID PL account</c> or by allowing or blocking.
    /// </summary>
    internal async ValueTask HandleAddContactAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 2 or > 4 || !ListKinds.TryParse(p[0], out var list) || list is ListKind.Reverse or ListKind.Pending)
        {
            Connection.Close();
            return;
        }

        if (list == ListKind.Forward && p[1].StartsWith("C=", StringComparison.Ordinal))
        {
            await GroupContactAsync(trId, p).ConfigureAwait(false);
            return;
        }

        string? account = null, nickname = null, groupToken = null;
        for (int i = 1; i < p.Count; i++)
        {
            if (p[i].StartsWith("N=", StringComparison.Ordinal) && account is null)
            {
                account = p[i][2..];
            }
            else if (p[i].StartsWith("F=", StringComparison.Ordinal) && nickname is null)
            {
                nickname = p[i][2..];
            }
            else if (groupToken is null && list == ListKind.Forward && i == p.Count - 1)
            {
                groupToken = p[i];
            }
            else
            {
                SendError(MsnpErrorCode.InvalidParameter, trId);
                return;
            }
        }

        if (account is null || !PassportName.TryParse(account, out var name))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        var contact = name.Normalized;
        if (list == ListKind.Forward)
        {
            nickname ??= contact;
        }

        if (nickname is not null && !IsAcceptableEncodedName(nickname))
        {
            Connection.Close();
            return;
        }

        if (nickname is not null && HasDisplayControls(nickname))
        {
            SendError(MsnpErrorCode.NicknameChangeIllegal, trId);
            return;
        }

        int? group = list == ListKind.Forward ? 0 : null;
        Guid? groupGuid = null;
        if (groupToken is not null)
        {
            if (!TryParseGuid(groupToken, out var parsed) || await Services.Contacts.FindGroupIdAsync(Account, parsed, cancellationToken: Aborted).ConfigureAwait(false) is not { } id)
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            group = id;
            groupGuid = parsed;
        }

        var before = list == ListKind.Forward ? null : await PresenceFanout.CaptureVisibilityAsync(this, [contact]).ConfigureAwait(false);
        var result = await Services.Contacts.AddAsync(Account, list, contact, nickname, group, cancellationToken: Aborted).ConfigureAwait(false);
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

    private async ValueTask GroupContactAsync(uint trId, IReadOnlyList<string> p)
    {
        if (p.Count != 3 || !TryParseGuid(p[1].AsSpan(2), out var contactGuid))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        var contact = await Services.Contacts.FindContactAsync(Account, contactGuid, cancellationToken: Aborted).ConfigureAwait(false);
        if (contact is null)
        {
            SendError(MsnpErrorCode.PrincipalNotOnList, trId);
            return;
        }

        if (!TryParseGuid(p[2], out var groupGuid) || await Services.Contacts.FindGroupIdAsync(Account, groupGuid, cancellationToken: Aborted).ConfigureAwait(false) is not { } group)
        {
            SendError(MsnpErrorCode.InvalidGroup, trId);
            return;
        }

        // Already on the FL: only the group is added (215 when it is in that group already).
        var result = await Services.Contacts.AddAsync(Account, ListKind.Forward, contact, contact, group, cancellationToken: Aborted).ConfigureAwait(false);
        if (Reply(result, trId))
        {
            Send((Writer, trId, contactGuid, groupGuid), static (w, s) => s.Writer.WriteContactGrouped(w, s.trId, s.contactGuid, s.groupGuid));
            await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        }
    }

    /// <summary><c>REM TrID FL contactGuid {groupGuid}</c>, <c>REM TrID AL|BL|PL account</c>.</summary>
    internal async ValueTask HandleRemoveContactAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 2 or > 3 || !Dialect!.TryParseList(p[0], out var list) || list == ListKind.Reverse)
        {
            Connection.Close();
            return;
        }

        if (list != ListKind.Forward)
        {
            if (p.Count != 2 || !PassportName.TryParse(p[1], out var name))
            {
                SendError(MsnpErrorCode.InvalidParameter, trId);
                return;
            }

            var account = name.Normalized;
            if (list == ListKind.Pending)
            {
                if (Reply(await Services.Contacts.RemovePendingAsync(Account, account, cancellationToken: Aborted).ConfigureAwait(false), trId))
                {
                    Send((Writer, trId, list, account), static (w, s) => s.Writer.WriteContactRemoved(w, s.trId, s.list, s.account));
                }

                return;
            }

            var before = await PresenceFanout.CaptureVisibilityAsync(this, [account]).ConfigureAwait(false);
            var removed = await Services.Contacts.RemoveAsync(Account, list, account, cancellationToken: Aborted).ConfigureAwait(false);
            if (Reply(removed, trId))
            {
                Send((Writer, trId, list, account), static (w, s) => s.Writer.WriteContactRemoved(w, s.trId, s.list, s.account));
                await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
            }

            return;
        }

        if (!TryParseGuid(p[1], out var contactGuid))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        var contact = await Services.Contacts.FindContactAsync(Account, contactGuid, cancellationToken: Aborted).ConfigureAwait(false);
        if (contact is null)
        {
            SendError(MsnpErrorCode.PrincipalNotOnList, trId);
            return;
        }

        Guid? groupGuid = null;
        int? group = null;
        if (p.Count == 3)
        {
            if (!TryParseGuid(p[2], out var g) || await Services.Contacts.FindGroupIdAsync(Account, g, cancellationToken: Aborted).ConfigureAwait(false) is not { } id)
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            groupGuid = g;
            group = id;
        }

        var result = await Services.Contacts.RemoveAsync(Account, ListKind.Forward, contact, group, cancellationToken: Aborted).ConfigureAwait(false);
        if (Reply(result, trId))
        {
            Send((Writer, trId, contactGuid, groupGuid), static (w, s) => s.Writer.WriteForwardContactRemoved(w, s.trId, s.contactGuid, s.groupGuid));
            await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
        }
    }

    /// <summary><c>ADG TrID name {0}</c>, <c>RMG TrID groupGuid</c>, <c>REG TrID groupGuid name {0}</c>.</summary>
    internal async ValueTask HandleGuidGroupAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (command.Code == CommandCodes.Adg)
        {
            if (p.Count is < 1 or > 2 || !WireText.IsToken(p[0]))
            {
                Connection.Close();
                return;
            }

            var name = p[0];
            if (GroupNameRefusal(name) is { } refused)
            {
                SendError(refused, trId);
                return;
            }

            var added = await Services.Contacts.AddGroupAsync(Account, name, cancellationToken: Aborted).ConfigureAwait(false);
            if (Reply(added, trId))
            {
                var guid = added.GroupGuid ?? Guid.Empty;
                Send((Writer, trId, name, guid), static (w, s) => s.Writer.WriteGroupAdded(w, s.trId, s.name, s.guid));
            }

            return;
        }

        if (p.Count < 1 || !TryParseGuid(p[0], out var groupGuid))
        {
            SendError(MsnpErrorCode.InvalidGroup, command.TrId ?? 0);
            return;
        }

        var groupId = await Services.Contacts.FindGroupIdAsync(Account, groupGuid, cancellationToken: Aborted).ConfigureAwait(false);
        if (command.Code == CommandCodes.Rmg)
        {
            if (p.Count != 1)
            {
                Connection.Close();
                return;
            }

            if (groupId is not { } id)
            {
                SendError(MsnpErrorCode.InvalidGroup, trId);
                return;
            }

            var removed = await Services.Contacts.RemoveGroupAsync(Account, id, cancellationToken: Aborted).ConfigureAwait(false);
            if (Reply(removed, trId))
            {
                Send((Writer, trId, groupGuid), static (w, s) => s.Writer.WriteGroupRemoved(w, s.trId, s.groupGuid));
                await NotifyReverseListChangesAsync(removed).ConfigureAwait(false);
            }

            return;
        }

        if (p.Count is < 2 or > 3 || !WireText.IsToken(p[1]))
        {
            Connection.Close();
            return;
        }

        var newName = p[1];
        if (GroupNameRefusal(newName) is { } refusedName)
        {
            SendError(refusedName, trId);
            return;
        }

        if (groupId is not { } renamedId)
        {
            SendError(MsnpErrorCode.InvalidGroup, trId);
            return;
        }

        var renamed = await Services.Contacts.RenameGroupAsync(Account, renamedId, newName, cancellationToken: Aborted).ConfigureAwait(false);
        if (Reply(renamed, trId))
        {
            Send((Writer, trId, groupGuid, newName), static (w, s) => s.Writer.WriteGroupRenamed(w, s.trId, s.groupGuid, s.newName));
        }
    }

    /// <summary><c>PRP TrID MFN name</c> sets the own friendly name (MSNP10+); other types are phone settings as before.</summary>
    internal async ValueTask HandlePropertyAsync(MsnpCommand command)
    {
        var p = command.Parameters;
        if (p.Count < 1 || p[0] != "MFN")
        {
            await HandlePhoneAsync(command).ConfigureAwait(false);
            return;
        }

        var trId = command.TrId ?? 0;
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

        var name = p[1];
        var result = await Services.Contacts.SetFriendlyNameAsync(Account, name, cancellationToken: Aborted).ConfigureAwait(false);
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
    }

    /// <summary>
    /// <c>SBP TrID contactGuid property value {flag}</c> (MSNP10–12): <c>MFN</c> stores the nickname
    /// shown for the contact; the other properties of <see cref="ContactProperties"/> are the client's
    /// own notes on the contact and are confirmed as sent (yellows111's SBP page; Escargot does the
    /// same). An unknown property or a flag where none belongs is 201.
    /// </summary>
    internal async ValueTask HandleContactPropertyAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count is < 3 or > 4 || !IsAcceptableEncodedName(p[2]))
        {
            Connection.Close();
            return;
        }

        if (HasDisplayControls(p[2]))
        {
            SendError(MsnpErrorCode.NicknameChangeIllegal, trId);
            return;
        }

        var property = p[1];
        var flag = p.Count == 4 ? p[3] : null;
        if (!TryParseGuid(p[0], out var contactGuid) || !ContactProperties.Accepts(Dialect!, property, p[2], flag))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        var contact = await Services.Contacts.FindContactAsync(Account, contactGuid, cancellationToken: Aborted).ConfigureAwait(false);
        if (contact is null)
        {
            SendError(MsnpErrorCode.PrincipalNotOnList, trId);
            return;
        }

        var value = p[2];
        if (property == ContactProperties.Nickname)
        {
            var result = await Services.Contacts.SetNicknameAsync(Account, contact, value, cancellationToken: Aborted).ConfigureAwait(false);
            if (!Reply(result, trId))
            {
                return;
            }
        }

        Send((Writer, trId, contactGuid, property, value, flag), static (w, s) => s.Writer.WriteContactPropertyChanged(w, s.trId, s.contactGuid, s.property, s.value, s.flag));
    }

    /// <summary><c>REA</c> from MSNP10: disabled, as the service answered it (502); <c>PRP MFN</c> and <c>SBP</c> replace it.</summary>
    internal ValueTask HandleRenameRefused(MsnpCommand command)
    {
        SendError(MsnpErrorCode.CommandDisabled, command.TrId ?? 0);
        return ValueTask.CompletedTask;
    }

    // Clients write GUIDs in the "D" form; braces or other forms are not GUID tokens here.
    private static bool TryParseGuid(ReadOnlySpan<char> token, out Guid guid) => Guid.TryParseExact(token, "D", out guid);
}
