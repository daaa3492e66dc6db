namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// The ordered schema scripts. Script <c>n</c> (1-based) upgrades a database whose
/// <c>PRAGMA user_version</c> is <c>n - 1</c>; never edit a released script, append a new one.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<string> Scripts { get; } =
    [
        // 1: accounts, per-user settings, groups, contacts with list bits, group membership.
        """
        CREATE TABLE accounts (
            id            INTEGER PRIMARY KEY,
            email         TEXT    NOT NULL UNIQUE,
            friendly_name TEXT    NOT NULL,
            password_hash TEXT    NOT NULL,
            legacy_secret BLOB    NOT NULL,
            list_version  INTEGER NOT NULL DEFAULT 0 CHECK (list_version BETWEEN 0 AND 4294967295),
            gtc           TEXT    NOT NULL DEFAULT 'A'  CHECK (gtc IN ('A', 'N')),
            blp           TEXT    NOT NULL DEFAULT 'AL' CHECK (blp IN ('AL', 'BL')),
            created_at    TEXT    NOT NULL
        );

        CREATE TABLE phones (
            account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            type       TEXT    NOT NULL,
            value      TEXT    NOT NULL,
            PRIMARY KEY (account_id, type)
        ) WITHOUT ROWID;

        CREATE TABLE groups (
            owner_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL CHECK (group_id >= 0),
            name     TEXT    NOT NULL,
            PRIMARY KEY (owner_id, group_id)
        ) WITHOUT ROWID;

        CREATE TABLE contacts (
            owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            lists      INTEGER NOT NULL CHECK (lists BETWEEN 1 AND 15),
            nickname   TEXT,
            PRIMARY KEY (owner_id, contact_id)
        ) WITHOUT ROWID;

        CREATE INDEX contacts_by_contact ON contacts (contact_id);

        CREATE TABLE contact_groups (
            owner_id   INTEGER NOT NULL,
            contact_id INTEGER NOT NULL,
            group_id   INTEGER NOT NULL,
            PRIMARY KEY (owner_id, contact_id, group_id),
            FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, contact_id) ON DELETE CASCADE,
            FOREIGN KEY (owner_id, group_id) REFERENCES groups (owner_id, group_id) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE INDEX contact_groups_by_group ON contact_groups (owner_id, group_id);
        """,

        // 2: MSNP10+ names groups and contacts by GUID (LSG, LST C=, ADC, RMG, REG). Rows that exist
        // get a random version-4 GUID each; new rows get theirs from the store.
        $"""
        ALTER TABLE groups ADD COLUMN guid TEXT NOT NULL DEFAULT '';
        ALTER TABLE contacts ADD COLUMN guid TEXT NOT NULL DEFAULT '';
        UPDATE groups SET guid = {RandomGuid};
        UPDATE contacts SET guid = {RandomGuid};
        CREATE UNIQUE INDEX groups_by_guid ON groups (owner_id, guid);
        CREATE UNIQUE INDEX contacts_by_guid ON contacts (owner_id, guid);
        """,

        // 3: a per-account security stamp (inside every ticket's MAC; replaced when the password
        // changes), and the changes a running server must act on (sign the account out).
        """
        ALTER TABLE accounts ADD COLUMN security_stamp BLOB;
        UPDATE accounts SET security_stamp = randomblob(16);

        CREATE TABLE account_events (
            id    INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT    NOT NULL,
            kind  TEXT    NOT NULL CHECK (kind IN ('password', 'removed')),
            at    TEXT    NOT NULL
        );
        """,

        // 4: the pending list (PL, MSNP11+): RL entries the owner has not yet allowed or blocked.
        // Entries that are on the RL only today were never acted on, so they start pending.
        """
        ALTER TABLE contacts ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
        UPDATE contacts SET pending = 1 WHERE (lists & 8) <> 0 AND (lists & 6) = 0;
        """,

        // 5: offline messages (OIMs), kept per recipient until the recipient deletes them. The sender
        // is a name, not a reference: a message outlives its sender's account.
        """
        CREATE TABLE offline_messages (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            guid         TEXT    NOT NULL UNIQUE,
            recipient_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            sender       TEXT    NOT NULL,
            sender_name  TEXT    NOT NULL,
            sent_at      TEXT    NOT NULL,
            size         INTEGER NOT NULL CHECK (size >= 0),
            body         TEXT    NOT NULL,
            run_id       TEXT    NOT NULL,
            sequence     INTEGER NOT NULL,
            origin       TEXT    NOT NULL
        );

        CREATE INDEX offline_messages_by_recipient ON offline_messages (recipient_id, id);
        """,

        // 6: the storage service's profile: the roaming personal message and the display picture,
        // found by the account's CID from its public address.
        """
        CREATE TABLE profiles (
            account_id         INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
            cid                INTEGER UNIQUE,
            personal_status    TEXT,
            personal_status_at TEXT,
            picture            BLOB,
            picture_type       TEXT,
            picture_size       INTEGER,
            picture_at         TEXT
        );
        """,
    ];

    // A lower-case version-4 GUID, evaluated once per row.
    private const string RandomGuid =
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
        + "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

    public static int LatestVersion => Scripts.Count;
}
