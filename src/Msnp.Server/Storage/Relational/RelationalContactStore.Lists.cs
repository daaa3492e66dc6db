using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Server.Storage.Relational;

/// <summary>ADD, REM and REA on a contact.</summary>
internal sealed partial class RelationalContactStore
{
    public async Task<ListChangeResult> AddAsync(string owner, ListKind list, string contact, string? nickname, int? groupId = null, CancellationToken cancellationToken = default)
    {
        RequireEditableList(list);
        if (list == ListKind.Forward)
        {
            ArgumentNullException.ThrowIfNull(nickname);
        }

        if (nickname is not null)
        {
            WireText.RequireToken(nickname, WireText.MaxNameBytes, nameof(nickname));
        }

        if (!PassportName.TryParse(contact, out var contactName))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidParameter);
        }

        var contactEmail = contactName.Normalized;

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        int group = groupId ?? 0;
        if (list == ListKind.Forward && !await session.GroupExistsAsync(ownerId, group, cancellationToken).ConfigureAwait(false))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidGroup);
        }

        if (await session.FindAccountIdAsync(contactEmail, cancellationToken).ConfigureAwait(false) is not { } contactId)
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidPrincipal);
        }

        var current = await session.GetListsAsync(ownerId, contactId, cancellationToken).ConfigureAwait(false);
        ListChangeResult result;
        if (list == ListKind.Forward)
        {
            result = await AddToForwardListAsync(session, ownerId, contactId, contactEmail, nickname!, groupId, group, current, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await AddToPrivacyListAsync(session, ownerId, contactId, list, nickname, current, cancellationToken).ConfigureAwait(false);
        }

        if (result.Succeeded)
        {
            var guid = await session.GetContactGuidAsync(ownerId, contactId, cancellationToken).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            result = result.WithContactGuid(guid);
        }

        return result;
    }

    public async Task<ListChangeResult> RemoveAsync(string owner, ListKind list, string contact, int? groupId = null, CancellationToken cancellationToken = default)
    {
        RequireEditableList(list);
        if (!PassportName.TryParse(contact, out var contactName))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidParameter);
        }

        if (list != ListKind.Forward)
        {
            groupId = null;
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        if (groupId is { } g && !await session.GroupExistsAsync(ownerId, g, cancellationToken).ConfigureAwait(false))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidGroup);
        }

        var contactId = await session.FindAccountIdAsync(contactName.Normalized, cancellationToken).ConfigureAwait(false);
        var current = contactId is { } id ? await session.GetListsAsync(ownerId, id, cancellationToken).ConfigureAwait(false) : ListKind.None;
        if ((current & list) == 0)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalNotOnList);
        }

        IReadOnlyList<ReverseListChange> reverse = [];
        if (list == ListKind.Forward)
        {
            bool leaveList = true;
            if (groupId is { } group)
            {
                if (!await session.IsInGroupAsync(ownerId, contactId!.Value, group, cancellationToken).ConfigureAwait(false))
                {
                    return ListChangeResult.Failure(MsnpErrorCode.PrincipalNotInGroup);
                }

                // Every FL entry is in at least one group, so leaving the last one leaves the FL.
                leaveList = await session.LeaveGroupAsync(ownerId, contactId.Value, group, cancellationToken).ConfigureAwait(false) == 0;
            }

            if (leaveList)
            {
                reverse = [await session.LeaveForwardListAsync(ownerId, contactId!.Value, cancellationToken).ConfigureAwait(false)];
            }
        }
        else
        {
            await session.RemoveListsAsync(ownerId, contactId!.Value, list, cancellationToken).ConfigureAwait(false);
        }

        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version, reverse: reverse);
    }

    public async Task<ListChangeResult> RemovePendingAsync(string owner, string contact, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(contact, out var contactName))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidParameter);
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        if (await session.FindAccountIdAsync(contactName.Normalized, cancellationToken).ConfigureAwait(false) is not { } contactId
            || !await session.SetPendingAsync(ownerId, contactId, pending: false, cancellationToken).ConfigureAwait(false))
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalNotOnList);
        }

        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version);
    }

    public async Task<ListChangeResult> SetNicknameAsync(string owner, string contact, string nickname, CancellationToken cancellationToken = default)
    {
        WireText.RequireToken(nickname, WireText.MaxNameBytes, nameof(nickname));
        if (!PassportName.TryParse(contact, out var contactName))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidParameter);
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        int changed = await session.ExecuteAsync(
            """
            UPDATE contacts SET nickname = @nickname
            WHERE owner_id = @owner AND contact_id = (SELECT id FROM accounts WHERE email = @contact);
            """,
            cancellationToken,
            ("@nickname", nickname), ("@owner", ownerId), ("@contact", contactName.Normalized)).ConfigureAwait(false);
        if (changed == 0)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalNotOnList);
        }

        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version);
    }

    private async Task<ListChangeResult> AddToForwardListAsync(
        StoreSession session, long ownerId, long contactId, string contactEmail, string nickname, int? requestedGroup, int group, ListKind current, CancellationToken cancellationToken)
    {
        if ((current & ListKind.Forward) != 0)
        {
            // Already on FL: only a new group for it is a change.
            if (requestedGroup is null || await session.IsInGroupAsync(ownerId, contactId, group, cancellationToken).ConfigureAwait(false))
            {
                return ListChangeResult.Failure(MsnpErrorCode.PrincipalAlreadyOnList);
            }

            await session.JoinGroupAsync(ownerId, contactId, group, cancellationToken).ConfigureAwait(false);
            return ListChangeResult.Success(await session.BumpVersionAsync(ownerId, cancellationToken).ConfigureAwait(false));
        }

        if (await session.CountOnListAsync(ownerId, ListKind.Forward, cancellationToken).ConfigureAwait(false) >= Options.ForwardListLimit)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalListFull);
        }

        // The contact's RL grows by one: strangers must not be able to grow it without bound.
        if (ownerId != contactId && await session.CountOnListAsync(contactId, ListKind.Reverse, cancellationToken).ConfigureAwait(false) >= Options.ReverseListLimit)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalListFull);
        }

        var version = await session.BumpVersionAsync(ownerId, cancellationToken).ConfigureAwait(false);
        var reverse = await session.EnterForwardListAsync(ownerId, contactId, contactEmail, nickname, group, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version, reverse: [reverse]);
    }

    private async Task<ListChangeResult> AddToPrivacyListAsync(
        StoreSession session, long ownerId, long contactId, ListKind list, string? nickname, ListKind current, CancellationToken cancellationToken)
    {
        if ((current & list) != 0)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalAlreadyOnList);
        }

        var opposite = list == ListKind.Allow ? ListKind.Block : ListKind.Allow;
        if ((current & opposite) != 0)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalIsInTheOppositeList);
        }

        int limit = list == ListKind.Allow ? Options.AllowListLimit : Options.BlockListLimit;
        if (await session.CountOnListAsync(ownerId, list, cancellationToken).ConfigureAwait(false) >= limit)
        {
            return ListChangeResult.Failure(MsnpErrorCode.PrincipalListFull);
        }

        // The FL nickname is the one the user chose; an AL/BL add does not overwrite it.
        // Without a name (MSNP10+ ADC AL|BL N=account) the contact's own friendly name keeps showing.
        bool replaceNickname = (current & ListKind.Forward) == 0 && nickname is not null;
        await session.AddListsAsync(ownerId, contactId, list, nickname, replaceNickname, cancellationToken).ConfigureAwait(false);

        // Allowing or blocking someone who added the owner is the decision the pending list waits for.
        await session.SetPendingAsync(ownerId, contactId, pending: false, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(await session.BumpVersionAsync(ownerId, cancellationToken).ConfigureAwait(false));
    }
}
