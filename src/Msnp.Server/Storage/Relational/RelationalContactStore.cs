using System.Globalization;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Names;

namespace Msnp.Server.Storage.Relational;

/// <summary>
/// Contact lists in SQLite or PostgreSQL. Reads run in one snapshot transaction; every mutation
/// runs in one write session (<see cref="IStoreDatabase.WriteAsync"/>: the database's single writer)
/// that also bumps the list versions it affects, so versions never skip or repeat, whichever process
/// or node writes. Mutations live in the
/// partial files by command family.
/// </summary>
internal sealed partial class RelationalContactStore : IContactStore
{
    // The settings a contact may see as BPR; MBE and WWE stay private.
    private static readonly string[] BuddyPhoneTypes =
        [PhoneKind.Home.WireName(), PhoneKind.Work.WireName(), PhoneKind.Mobile.WireName(), PhoneKind.MobilePaging.WireName()];

    private readonly IStoreDatabase _database;

    public RelationalContactStore(IStoreDatabase database) => _database = database;

    private StorageOptions Options => _database.Options;

    public async Task<uint?> GetListVersionAsync(string owner, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(owner, out var name))
        {
            return null;
        }

        await using var session = await _database.ReadAsync(cancellationToken).ConfigureAwait(false);
        var version = await session.ScalarAsync("SELECT list_version FROM accounts WHERE email = @email;", cancellationToken, ("@email", name.Normalized)).ConfigureAwait(false);
        return version is null ? null : (uint)Convert.ToInt64(version, CultureInfo.InvariantCulture);
    }

    public async Task<ContactListSnapshot?> GetSnapshotAsync(string owner, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(owner, out var name))
        {
            return null;
        }

        var email = name.Normalized;

        await using var session = await _database.ReadAsync(cancellationToken).ConfigureAwait(false);
        var heads = await session.QueryAsync(
            "SELECT id, list_version, gtc, blp FROM accounts WHERE email = @email;",
            r => (Id: r.GetInt64(0), Version: (uint)r.GetInt64(1), Privacy: new PrivacySettings(StoredTokens.ReadPrompt(r.GetString(2)), StoredTokens.ReadDefaultPrivacy(r.GetString(3)))),
            cancellationToken,
            ("@email", email)).ConfigureAwait(false);
        if (heads.Count == 0)
        {
            return null;
        }

        var head = heads[0];
        (string, object?) ownerArg = ("@owner", head.Id);

        var phones = await session.QueryAsync(
            "SELECT type, value FROM phones WHERE account_id = @owner;",
            ReadPhone,
            cancellationToken,
            ownerArg).ConfigureAwait(false);

        var groups = await session.QueryAsync(
            "SELECT group_id, name, guid FROM groups WHERE owner_id = @owner ORDER BY group_id;",
            r => new GroupEntry(r.GetInt32(0), r.GetString(1)) { Guid = StoredTokens.ReadGuid(r.GetString(2)) },
            cancellationToken,
            ownerArg).ConfigureAwait(false);

        var memberships = (await session.QueryAsync(
            "SELECT contact_id, group_id FROM contact_groups WHERE owner_id = @owner ORDER BY contact_id, group_id;",
            r => (Contact: r.GetInt64(0), Group: r.GetInt32(1)),
            cancellationToken,
            ownerArg).ConfigureAwait(false)).ToLookup(m => m.Contact, m => m.Group);

        // A contact's numbers only when that contact allows the owner: the rule presence follows
        // (Privacy.Allows: not on their BL, and on their AL or their BLP is AL).
        var contactPhones = (await session.QueryAsync(
            $"""
            SELECT p.account_id, p.type, p.value FROM phones p
            JOIN contacts c ON c.contact_id = p.account_id AND c.owner_id = @owner
            JOIN accounts x ON x.id = p.account_id
            LEFT JOIN contacts r ON r.owner_id = p.account_id AND r.contact_id = @owner
            WHERE p.type IN ('{string.Join("', '", BuddyPhoneTypes)}')
              AND (coalesce(r.lists, 0) & {(int)ListKind.Block}) = 0
              AND ((coalesce(r.lists, 0) & {(int)ListKind.Allow}) <> 0 OR x.blp = '{DefaultPrivacy.Allow.WireName()}');
            """,
            r => (Contact: r.GetInt64(0), Phone: new PhoneSetting(StoredTokens.ReadPhoneKind(r.GetString(1)), r.GetString(2))),
            cancellationToken,
            ownerArg).ConfigureAwait(false)).ToLookup(p => p.Contact, p => p.Phone);

        var contacts = await session.QueryAsync(
            """
            SELECT c.contact_id, a.email, coalesce(c.nickname, a.friendly_name), c.lists, c.guid, c.pending FROM contacts c
            JOIN accounts a ON a.id = c.contact_id
            WHERE c.owner_id = @owner ORDER BY a.email;
            """,
            r => (Id: r.GetInt64(0), Email: r.GetString(1), Name: r.GetString(2), Lists: (ListKind)r.GetInt32(3), Guid: StoredTokens.ReadGuid(r.GetString(4)), Pending: r.GetInt32(5) != 0),
            cancellationToken,
            ownerArg).ConfigureAwait(false);

        return new ContactListSnapshot(
            head.Version,
            head.Privacy,
            SortPhones(phones),
            groups,
            [.. contacts.Select(c => new ContactEntry(c.Email, c.Name, c.Lists, [.. memberships[c.Id]], SortPhones(contactPhones[c.Id])) { Guid = c.Guid, Pending = c.Pending })]);
    }

    public async Task<IReadOnlyList<string>> GetReverseListAsync(string account, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(account, out var name))
        {
            return [];
        }

        var email = name.Normalized;

        await using var session = await _database.ReadAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync(
            """
            SELECT o.email FROM contacts c
            JOIN accounts t ON t.id = c.contact_id
            JOIN accounts o ON o.id = c.owner_id
            WHERE t.email = @email AND (c.lists & 1) <> 0 ORDER BY o.email;
            """,
            r => r.GetString(0),
            cancellationToken,
            ("@email", email)).ConfigureAwait(false);
    }

    public async Task<bool> CanSeeAsync(string viewer, string target, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(target, out var targetName))
        {
            return false;
        }

        PassportName.TryParse(viewer, out var viewerName);
        await using var session = await _database.ReadAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            """
            SELECT t.blp, coalesce((SELECT c.lists FROM contacts c JOIN accounts v ON v.id = c.contact_id
                                    WHERE c.owner_id = t.id AND v.email = @viewer), 0)
            FROM accounts t WHERE t.email = @target;
            """,
            r => (Blp: StoredTokens.ReadDefaultPrivacy(r.GetString(0)), Lists: (ListKind)r.GetInt32(1)),
            cancellationToken,
            ("@viewer", viewerName.Normalized), ("@target", targetName.Normalized)).ConfigureAwait(false);
        return rows.Count == 1 && Privacy.Allows(rows[0].Blp, rows[0].Lists);
    }

    private static PhoneSetting ReadPhone(System.Data.Common.DbDataReader reader) =>
        new(StoredTokens.ReadPhoneKind(reader.GetString(0)), reader.GetString(1));

    private static PhoneSetting[] SortPhones(IEnumerable<PhoneSetting> phones) => [.. phones.OrderBy(p => p.Kind)];

    private static void RequireEditableList(ListKind list)
    {
        if (list is not (ListKind.Forward or ListKind.Allow or ListKind.Block))
        {
            throw new ArgumentException("Only FL, AL or BL can be changed by a client.", nameof(list));
        }
    }
}
