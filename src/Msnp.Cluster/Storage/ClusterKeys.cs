using System.Security.Cryptography;
using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// Keys every node must share, kept in the database (<c>msnp_cluster_keys</c>): the first node to
/// start creates each from the system's strong random source; the others read it. A ticket issued
/// by one node's Passport is then accepted by every other node's notification server.
/// </summary>
internal static class ClusterKeys
{
    /// <summary>The Passport ticket signing key's name.</summary>
    public const string PassportTickets = "passport-ticket";

    public static async Task<byte[]> LoadOrCreateAsync(NpgsqlDataSource database, string name, int length, CancellationToken cancellationToken)
    {
        // One statement sees one snapshot: when another node inserts the key at the same moment, ours
        // does nothing and the select may not see theirs yet; the next round does.
        for (int attempt = 0; attempt < 5; attempt++)
        {
            await using var command = database.CreateCommand("""
                WITH created AS (INSERT INTO msnp_cluster_keys(name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING key)
                SELECT key FROM created UNION ALL SELECT key FROM msnp_cluster_keys WHERE name = $1 LIMIT 1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            command.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(length) });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] key)
            {
                return key.Length == length ? key : throw new InvalidDataException($"The cluster key '{name}' in the database is not a {length}-byte key.");
            }
        }

        throw new InvalidOperationException($"The cluster key '{name}' could not be read from the database.");
    }
}
