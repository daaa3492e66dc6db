using System.Globalization;
using Msnp.Protocol.Names;

namespace Msnp.Server.Storage.Relational;

/// <summary>Small queries every store operation needs, run inside the caller's session.</summary>
internal static class SessionQueries
{
    public static async Task<long?> FindAccountIdAsync(this StoreSession session, string normalizedEmail, CancellationToken cancellationToken)
    {
        var id = await session.ScalarAsync("SELECT id FROM accounts WHERE email = @email;", cancellationToken, ("@email", normalizedEmail)).ConfigureAwait(false);
        return id is null ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>The id of the account a signed-in caller acts for.</summary>
    /// <exception cref="AccountRemovedException">The account does not exist (for example, deleted meanwhile).</exception>
    public static async Task<long> RequireAccountIdAsync(this StoreSession session, string owner, CancellationToken cancellationToken)
    {
        var id = PassportName.TryParse(owner, out var name)
            ? await session.FindAccountIdAsync(name.Normalized, cancellationToken).ConfigureAwait(false)
            : null;
        return id ?? throw new AccountRemovedException($"No account '{owner}'.");
    }

    /// <summary>Adds one to an account's list version (wrapping at 2³², as the protocol's counter does) and returns the new value.</summary>
    public static async Task<uint> BumpVersionAsync(this StoreSession session, long accountId, CancellationToken cancellationToken)
    {
        var version = await session.ScalarAsync(
            "UPDATE accounts SET list_version = (list_version + 1) % 4294967296 WHERE id = @id RETURNING list_version;",
            cancellationToken,
            ("@id", accountId)).ConfigureAwait(false);
        return (uint)Convert.ToInt64(version, CultureInfo.InvariantCulture);
    }

    /// <summary>Ends a mutation that changed the owner's data: one version step, then commit. Returns the new version.</summary>
    public static async Task<uint> BumpVersionAndCommitAsync(this StoreSession session, long ownerId, CancellationToken cancellationToken)
    {
        var version = await session.BumpVersionAsync(ownerId, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>One account's encrypted MD5 secret, to prove <c>secret.key</c> is the key it was made with.</summary>
    public static async Task<(string Email, byte[] Record)?> SampleSecretAsync(this IStoreDatabase database, CancellationToken cancellationToken)
    {
        await using var session = await database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            "SELECT email, legacy_secret FROM accounts ORDER BY id LIMIT 1;",
            r => (r.GetString(0), (byte[])r.GetValue(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
