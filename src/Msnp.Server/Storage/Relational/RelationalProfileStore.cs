using System.Globalization;
using Msnp.Protocol.Names;
using Msnp.Server.Storage.Profiles;

namespace Msnp.Server.Storage.Relational;

/// <summary><see cref="IProfileStore"/> over the relational schema (script 6, <c>profiles</c>), the same code on SQLite and PostgreSQL.</summary>
internal sealed class RelationalProfileStore(IStoreDatabase database, TimeProvider? time = null) : IProfileStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<StoredProfile> GetAsync(string account, CancellationToken cancellationToken = default)
    {
        var empty = new StoredProfile(null, null, null, 0, null);
        if (!PassportName.TryParse(account, out var name))
        {
            return empty;
        }

        await using var session = await database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            """
            SELECT p.personal_status, p.personal_status_at, p.picture_type, p.picture_size, p.picture_at
            FROM profiles p JOIN accounts a ON a.id = p.account_id WHERE a.email = @email;
            """,
            r => new StoredProfile(
                r.IsDBNull(0) ? null : r.GetString(0),
                Time(r.IsDBNull(1) ? null : r.GetString(1)),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? 0 : Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture),
                Time(r.IsDBNull(4) ? null : r.GetString(4))),
            cancellationToken,
            ("@email", name.Normalized)).ConfigureAwait(false);
        return rows.Count == 0 ? empty : rows[0];
    }

    public async Task SetPersonalStatusAsync(string account, string? text, CancellationToken cancellationToken = default)
    {
        await using var session = await database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await session.RequireAccountIdAsync(account, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            INSERT INTO profiles (account_id, personal_status, personal_status_at) VALUES (@id, @text, @at)
            ON CONFLICT (account_id) DO UPDATE SET personal_status = excluded.personal_status, personal_status_at = excluded.personal_status_at;
            """,
            cancellationToken,
            ("@id", id), ("@text", text), ("@at", Now())).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetPictureAsync(string account, long cid, byte[] data, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var session = await database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await session.RequireAccountIdAsync(account, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(
            """
            INSERT INTO profiles (account_id, cid, picture, picture_type, picture_size, picture_at) VALUES (@id, @cid, @data, @type, @size, @at)
            ON CONFLICT (account_id) DO UPDATE SET cid = excluded.cid, picture = excluded.picture, picture_type = excluded.picture_type,
                picture_size = excluded.picture_size, picture_at = excluded.picture_at;
            """,
            cancellationToken,
            ("@id", id), ("@cid", cid), ("@data", data), ("@type", mediaType), ("@size", data.Length), ("@at", Now())).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredPicture?> GetPictureAsync(long cid, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            "SELECT picture, picture_type FROM profiles WHERE cid = @cid AND picture IS NOT NULL;",
            r => new StoredPicture((byte[])r.GetValue(0), r.GetString(1)),
            cancellationToken,
            ("@cid", cid)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
