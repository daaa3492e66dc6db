using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// The live nodes' records in the database (<c>msnp_cluster_nodes</c>): one row per node name,
/// holding the run's silo address and its <c>NodeRecord</c> (observer and addresses) in Orleans'
/// own serialized form. Each node writes its row when it starts and refreshes it on every sync;
/// readers keep the rows whose silo membership does not know to be dead, so the registry needs no
/// node to hold it and nothing is lost when a node dies.
/// </summary>
internal sealed class NodeRows(NpgsqlDataSource database)
{
    public async Task SaveAsync(string node, string silo, byte[] record)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO msnp_cluster_nodes(node, silo, record) VALUES ($1, $2, $3)
            ON CONFLICT (node) DO UPDATE SET silo = excluded.silo, record = excluded.record
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        command.Parameters.Add(new NpgsqlParameter { Value = silo });
        command.Parameters.Add(new NpgsqlParameter { Value = record });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Every row: node name, silo address (parsable form), record.</summary>
    public async Task<IReadOnlyList<(string Node, string Silo, byte[] Record)>> AllAsync()
    {
        await using var command = database.CreateCommand("SELECT node, silo, record FROM msnp_cluster_nodes");
        var rows = new List<(string, string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        }

        return rows;
    }

    /// <summary>Deletes the row of one run of a node (a later run under the same name keeps its own).</summary>
    public async Task RemoveAsync(string node, string silo)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_nodes WHERE node = $1 AND silo = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        command.Parameters.Add(new NpgsqlParameter { Value = silo });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
