using System.Globalization;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Storage.Relational;

/// <summary>
/// Row-level steps shared by the list mutations. A <c>contacts</c> row exists while the contact is
/// on at least one list; its group memberships exist only while it is on FL.
/// </summary>
internal static class ContactRows
{
    public static async Task<ListKind> GetListsAsync(this StoreSession session, long ownerId, long contactId, CancellationToken cancellationToken)
    {
        var lists = await session.ScalarAsync(
            "SELECT lists FROM contacts WHERE owner_id = @owner AND contact_id = @contact;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId)).ConfigureAwait(false);
        return lists is null ? ListKind.None : (ListKind)Convert.ToInt32(lists, CultureInfo.InvariantCulture);
    }

    /// <summary>Sets list bits, creating the row if needed. The nickname is written for a new row, or when <paramref name="replaceNickname"/>.</summary>
    public static Task AddListsAsync(this StoreSession session, long ownerId, long contactId, ListKind lists, string? nickname, bool replaceNickname, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            INSERT INTO contacts (owner_id, contact_id, lists, nickname, guid) VALUES (@owner, @contact, @lists, @nickname, @guid)
            ON CONFLICT (owner_id, contact_id) DO UPDATE SET
                lists = contacts.lists | excluded.lists,
                nickname = CASE WHEN @replace THEN excluded.nickname ELSE contacts.nickname END;
            """,
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId), ("@lists", (int)lists), ("@nickname", nickname), ("@replace", replaceNickname), ("@guid", StoredTokens.NewGuid()));

    /// <summary>Clears list bits, deleting the row (and so its group memberships) when none remain.</summary>
    public static async Task RemoveListsAsync(this StoreSession session, long ownerId, long contactId, ListKind lists, CancellationToken cancellationToken)
    {
        (string, object?)[] args = [("@owner", ownerId), ("@contact", contactId), ("@lists", (int)lists)];
        await session.ExecuteAsync(
            "DELETE FROM contacts WHERE owner_id = @owner AND contact_id = @contact AND (lists & ~@lists) = 0;",
            cancellationToken,
            args).ConfigureAwait(false);
        await session.ExecuteAsync(
            "UPDATE contacts SET lists = lists & ~@lists WHERE owner_id = @owner AND contact_id = @contact;",
            cancellationToken,
            args).ConfigureAwait(false);
    }

    public static async Task<int> CountOnListAsync(this StoreSession session, long ownerId, ListKind list, CancellationToken cancellationToken) =>
        Convert.ToInt32(
            await session.ScalarAsync(
                "SELECT count(*) FROM contacts WHERE owner_id = @owner AND (lists & @list) <> 0;",
                cancellationToken,
                ("@owner", ownerId), ("@list", (int)list)).ConfigureAwait(false),
            CultureInfo.InvariantCulture);

    /// <summary>The contact's GUID in the owner's lists, or null when it is on none.</summary>
    public static async Task<Guid?> GetContactGuidAsync(this StoreSession session, long ownerId, long contactId, CancellationToken cancellationToken) =>
        await session.ScalarAsync(
            "SELECT guid FROM contacts WHERE owner_id = @owner AND contact_id = @contact;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId)).ConfigureAwait(false) is string text ? Guid.Parse(text) : null;

    public static async Task<bool> GroupExistsAsync(this StoreSession session, long ownerId, int groupId, CancellationToken cancellationToken) =>
        await session.ScalarAsync(
            "SELECT 1 FROM groups WHERE owner_id = @owner AND group_id = @group;",
            cancellationToken,
            ("@owner", ownerId), ("@group", groupId)).ConfigureAwait(false) is not null;

    public static async Task<bool> IsInGroupAsync(this StoreSession session, long ownerId, long contactId, int groupId, CancellationToken cancellationToken) =>
        await session.ScalarAsync(
            "SELECT 1 FROM contact_groups WHERE owner_id = @owner AND contact_id = @contact AND group_id = @group;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId), ("@group", groupId)).ConfigureAwait(false) is not null;

    public static Task JoinGroupAsync(this StoreSession session, long ownerId, long contactId, int groupId, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO contact_groups (owner_id, contact_id, group_id) VALUES (@owner, @contact, @group);",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId), ("@group", groupId));

    /// <summary>Leaves one group; returns how many groups the contact is still in.</summary>
    public static async Task<int> LeaveGroupAsync(this StoreSession session, long ownerId, long contactId, int groupId, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "DELETE FROM contact_groups WHERE owner_id = @owner AND contact_id = @contact AND group_id = @group;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId), ("@group", groupId)).ConfigureAwait(false);
        return Convert.ToInt32(
            await session.ScalarAsync(
                "SELECT count(*) FROM contact_groups WHERE owner_id = @owner AND contact_id = @contact;",
                cancellationToken,
                ("@owner", ownerId), ("@contact", contactId)).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Puts a contact on FL in a group and the owner on the contact's RL, bumping the contact's
    /// version; the caller bumps the owner's.
    /// </summary>
    public static async Task<ReverseListChange> EnterForwardListAsync(this StoreSession session, long ownerId, long contactId, string contact, string nickname, int groupId, CancellationToken cancellationToken)
    {
        await session.AddListsAsync(ownerId, contactId, ListKind.Forward, nickname, replaceNickname: true, cancellationToken).ConfigureAwait(false);
        await session.JoinGroupAsync(ownerId, contactId, groupId, cancellationToken).ConfigureAwait(false);
        await session.AddListsAsync(contactId, ownerId, ListKind.Reverse, nickname: null, replaceNickname: false, cancellationToken).ConfigureAwait(false);

        // The contact has not decided about the owner yet unless the owner is on their AL or BL already.
        await session.ExecuteAsync(
            $"UPDATE contacts SET pending = 1 WHERE owner_id = @contact AND contact_id = @owner AND (lists & {(int)(ListKind.Allow | ListKind.Block)}) = 0;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId)).ConfigureAwait(false);
        var version = await session.BumpVersionAsync(contactId, cancellationToken).ConfigureAwait(false);
        return new ReverseListChange(contact, version, ReverseListChangeKind.Added);
    }

    /// <summary>
    /// Takes a contact off FL (and all its groups) and the owner off the contact's RL, bumping the
    /// contact's version; the caller bumps the owner's.
    /// </summary>
    public static async Task<ReverseListChange> LeaveForwardListAsync(this StoreSession session, long ownerId, long contactId, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "DELETE FROM contact_groups WHERE owner_id = @owner AND contact_id = @contact;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId)).ConfigureAwait(false);
        await session.RemoveListsAsync(ownerId, contactId, ListKind.Forward, cancellationToken).ConfigureAwait(false);
        await session.RemoveListsAsync(contactId, ownerId, ListKind.Reverse, cancellationToken).ConfigureAwait(false);
        await session.SetPendingAsync(contactId, ownerId, pending: false, cancellationToken).ConfigureAwait(false);
        var version = await session.BumpVersionAsync(contactId, cancellationToken).ConfigureAwait(false);
        var email = (string)(await session.ScalarAsync("SELECT email FROM accounts WHERE id = @id;", cancellationToken, ("@id", contactId)).ConfigureAwait(false))!;
        return new ReverseListChange(email, version, ReverseListChangeKind.Removed);
    }

    /// <summary>Sets or clears the pending mark of the owner's entry for the contact; returns whether a row changed.</summary>
    public static async Task<bool> SetPendingAsync(this StoreSession session, long ownerId, long contactId, bool pending, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE contacts SET pending = @pending WHERE owner_id = @owner AND contact_id = @contact AND pending <> @pending;",
            cancellationToken,
            ("@owner", ownerId), ("@contact", contactId), ("@pending", pending ? 1 : 0)).ConfigureAwait(false) > 0;
}
