using System.Globalization;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Storage.Relational;

/// <summary>ADG, RMG and REG.</summary>
internal sealed partial class RelationalContactStore
{
    public async Task<ListChangeResult> AddGroupAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        WireText.RequireToken(name, int.MaxValue, nameof(name));
        if (WireText.ByteCount(name) > WireText.MaxGroupNameBytes)
        {
            return ListChangeResult.Failure(MsnpErrorCode.GroupNameTooLong);
        }

        if (HasDisplayControls(name))
        {
            return ListChangeResult.Failure(MsnpErrorCode.NicknameChangeIllegal);
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        var count = Convert.ToInt32(
            await session.ScalarAsync("SELECT count(*) FROM groups WHERE owner_id = @owner;", cancellationToken, ("@owner", ownerId)).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        if (count >= Options.MaxGroups)
        {
            return ListChangeResult.Failure(MsnpErrorCode.TooManyGroups);
        }

        // The smallest free id keeps ids small, as clients expect; group 0 always exists.
        var guid = StoredTokens.NewGuid();
        var id = Convert.ToInt32(
            await session.ScalarAsync(
                """
                INSERT INTO groups (owner_id, group_id, name, guid)
                SELECT @owner, min(g.group_id + 1), @name, @guid FROM groups g
                WHERE g.owner_id = @owner
                  AND NOT EXISTS (SELECT 1 FROM groups h WHERE h.owner_id = @owner AND h.group_id = g.group_id + 1)
                RETURNING group_id;
                """,
                cancellationToken,
                ("@owner", ownerId), ("@name", name), ("@guid", guid)).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version, groupId: id, groupGuid: Guid.Parse(guid));
    }

    public async Task<ListChangeResult> RemoveGroupAsync(string owner, int groupId, CancellationToken cancellationToken = default)
    {
        if (groupId == 0)
        {
            return ListChangeResult.Failure(MsnpErrorCode.CannotRemoveGroupZero);
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        if (!await session.GroupExistsAsync(ownerId, groupId, cancellationToken).ConfigureAwait(false))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidGroup);
        }

        var onlyHere = await session.QueryAsync(
            """
            SELECT cg.contact_id FROM contact_groups cg
            WHERE cg.owner_id = @owner AND cg.group_id = @group
              AND NOT EXISTS (SELECT 1 FROM contact_groups o
                              WHERE o.owner_id = @owner AND o.contact_id = cg.contact_id AND o.group_id <> @group)
            ORDER BY cg.contact_id;
            """,
            r => r.GetInt64(0),
            cancellationToken,
            ("@owner", ownerId), ("@group", groupId)).ConfigureAwait(false);

        var reverse = new List<ReverseListChange>(onlyHere.Count);
        foreach (var contactId in onlyHere)
        {
            reverse.Add(await session.LeaveForwardListAsync(ownerId, contactId, cancellationToken).ConfigureAwait(false));
        }

        // Cascades to the remaining memberships.
        await session.ExecuteAsync("DELETE FROM groups WHERE owner_id = @owner AND group_id = @group;", cancellationToken, ("@owner", ownerId), ("@group", groupId)).ConfigureAwait(false);
        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version, reverse: reverse);
    }

    public async Task<int?> FindGroupIdAsync(string owner, Guid group, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var id = await session.ScalarAsync(
            "SELECT g.group_id FROM groups g JOIN accounts a ON a.id = g.owner_id WHERE a.email = @email AND g.guid = @guid;",
            cancellationToken,
            ("@email", owner), ("@guid", group.ToString("D"))).ConfigureAwait(false);
        return id is null ? null : Convert.ToInt32(id, CultureInfo.InvariantCulture);
    }

    public async Task<string?> FindContactAsync(string owner, Guid contact, CancellationToken cancellationToken = default)
    {
        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return (string?)await session.ScalarAsync(
            """
            SELECT t.email FROM contacts c JOIN accounts o ON o.id = c.owner_id JOIN accounts t ON t.id = c.contact_id
            WHERE o.email = @email AND c.guid = @guid;
            """,
            cancellationToken,
            ("@email", owner), ("@guid", contact.ToString("D"))).ConfigureAwait(false);
    }

    public async Task<ListChangeResult> RenameGroupAsync(string owner, int groupId, string name, CancellationToken cancellationToken = default)
    {
        WireText.RequireToken(name, int.MaxValue, nameof(name));
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        if (!await session.GroupExistsAsync(ownerId, groupId, cancellationToken).ConfigureAwait(false))
        {
            return ListChangeResult.Failure(MsnpErrorCode.InvalidGroup);
        }

        if (WireText.ByteCount(name) > WireText.MaxGroupNameBytes)
        {
            return ListChangeResult.Failure(MsnpErrorCode.GroupNameTooLong);
        }

        if (HasDisplayControls(name))
        {
            return ListChangeResult.Failure(MsnpErrorCode.NicknameChangeIllegal);
        }

        await session.ExecuteAsync(
            "UPDATE groups SET name = @name WHERE owner_id = @owner AND group_id = @group;",
            cancellationToken,
            ("@name", name), ("@owner", ownerId), ("@group", groupId)).ConfigureAwait(false);
        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version);
    }

    // Stored names travel URL-encoded; an escaped control, line separator or bidi override would
    // reach every client that shows the group (docs/limits.md), so the store refuses it too.
    private static bool HasDisplayControls(string name) =>
        Msnp.Protocol.Names.GroupName.ValidateEncoded(System.Text.Encoding.UTF8.GetBytes(name)) == Msnp.Protocol.Names.NameError.ForbiddenCharacter;
}
