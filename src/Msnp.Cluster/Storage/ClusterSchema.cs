using System.Reflection;
using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// The cluster's tables in the shared PostgreSQL database: Orleans' membership tables (its own
/// PostgreSQL scripts, copied unchanged into <c>Sql/</c>) and ours, the shared keys, the
/// endpoint rows and the node records. Created at a node's start, once, under an advisory lock of their own, so nodes
/// starting together create them once; the store's schema version (docs/storage.md) is not touched.
/// </summary>
internal static class ClusterSchema
{
    // "MSNC": not the store's writer lock ("MSNP"), so list changes never wait for a node joining.
    private const long LockKey = 0x4D534E43;

    private const string OwnTables = """
        CREATE TABLE IF NOT EXISTS msnp_cluster_keys (
            name text PRIMARY KEY,
            key bytea NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS msnp_cluster_endpoints (
            node text NOT NULL,
            endpoint_id uuid NOT NULL,
            account text NOT NULL,
            PRIMARY KEY (node, endpoint_id));
        ALTER TABLE msnp_cluster_endpoints ADD COLUMN IF NOT EXISTS record text;
        ALTER TABLE msnp_cluster_endpoints ADD COLUMN IF NOT EXISTS written_at timestamptz NOT NULL DEFAULT now();
        CREATE INDEX IF NOT EXISTS msnp_cluster_endpoints_account ON msnp_cluster_endpoints(account);
        CREATE TABLE IF NOT EXISTS msnp_cluster_nodes (
            node text PRIMARY KEY,
            silo text NOT NULL,
            record bytea NOT NULL);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        await using (var check = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL", connection, transaction))
        {
            if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                await ExecuteAsync(connection, transaction, Script("PostgreSQL-Main.sql"), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, Script("PostgreSQL-Clustering.sql"), cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, transaction, OwnTables, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Script(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Msnp.Cluster.Sql.{name}")
            ?? throw new InvalidOperationException($"The cluster script {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
