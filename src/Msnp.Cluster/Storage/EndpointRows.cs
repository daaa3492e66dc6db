using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// Which node holds which signed-in endpoint, in the database (<c>msnp_cluster_endpoints</c>):
/// written at sign-in, deleted at sign-out. When a node dies its grains may die with it, so this
/// is what the surviving nodes read to know whose presence ended there. Rows are claimed with
/// <c>DELETE … RETURNING</c>, so each lost endpoint is announced offline by exactly one node.
/// </summary>
internal sealed class EndpointRows(NpgsqlDataSource database)
{
    public async Task AddAsync(string node, Guid endpointId, string account)
    {
        await using var command = database.CreateCommand("INSERT INTO msnp_cluster_endpoints(node, endpoint_id, account) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        command.Parameters.Add(new NpgsqlParameter { Value = endpointId });
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task RemoveAsync(string node, Guid endpointId)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_endpoints WHERE node = $1 AND endpoint_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        command.Parameters.Add(new NpgsqlParameter { Value = endpointId });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Takes every row of <paramref name="node"/> (it is gone); another caller gets none of them.</summary>
    public async Task<IReadOnlyList<(string Account, Guid EndpointId)>> ClaimAsync(string node, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_endpoints WHERE node = $1 RETURNING account, endpoint_id");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        var rows = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return rows;
    }

    /// <summary>The rows of <paramref name="node"/>, left in place: every surviving node reads them to tell its own sessions.</summary>
    public async Task<IReadOnlyList<(string Account, Guid EndpointId)>> ReadAsync(string node, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT account, endpoint_id FROM msnp_cluster_endpoints WHERE node = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        var rows = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return rows;
    }

    /// <summary>The nodes that hold rows now.</summary>
    public async Task<IReadOnlyList<string>> NodesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT DISTINCT node FROM msnp_cluster_endpoints");
        var nodes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            nodes.Add(reader.GetString(0));
        }

        return nodes;
    }
}
