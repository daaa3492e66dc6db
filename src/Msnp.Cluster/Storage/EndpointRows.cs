using Msnp.Server.Presence;
using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// Every signed-in endpoint of the cluster, in the database (<c>msnp_cluster_endpoints</c>): one
/// row per endpoint, keyed by the node that holds its socket, holding its latest record. The
/// account's presence grain writes the row before it answers a sign-in, a change or a sign-out, so
/// a grain that starts (again, after the node that held it died) rebuilds the account's endpoints
/// from these rows. When a node dies, the surviving nodes read its rows to know whose presence
/// ended there. Rows are written with <c>synchronous_commit=off</c> (presence, not lists).
/// </summary>
internal sealed class EndpointRows(NpgsqlDataSource database)
{
    /// <summary>Adds or replaces the row of an endpoint with its latest record.</summary>
    public async Task SaveAsync(PresenceEndpoint endpoint)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO msnp_cluster_endpoints(node, endpoint_id, account, record, written_at) VALUES ($1, $2, $3, $4, now())
            ON CONFLICT (node, endpoint_id) DO UPDATE SET account = excluded.account, record = excluded.record, written_at = excluded.written_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = endpoint.NodeId });
        command.Parameters.Add(new NpgsqlParameter { Value = endpoint.EndpointId });
        command.Parameters.Add(new NpgsqlParameter { Value = endpoint.Account });
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterJson.Write(endpoint) });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task RemoveAsync(string node, Guid endpointId)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_endpoints WHERE node = $1 AND endpoint_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        command.Parameters.Add(new NpgsqlParameter { Value = endpointId });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The recorded endpoints of one account, on every node.</summary>
    public async Task<IReadOnlyList<PresenceEndpoint>> ForAccountAsync(string account)
    {
        await using var command = database.CreateCommand("SELECT record FROM msnp_cluster_endpoints WHERE account = $1 AND record IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        var endpoints = new List<PresenceEndpoint>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            endpoints.Add(ClusterJson.Read<PresenceEndpoint>(reader.GetString(0)));
        }

        return endpoints;
    }

    /// <summary>Takes every row of <paramref name="node"/> (it is gone); another caller gets none of them.</summary>
    public async Task<IReadOnlyList<(string Account, Guid EndpointId)>> ClaimAsync(string node, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_endpoints WHERE node = $1 RETURNING account, endpoint_id");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        return await ReadPairsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of <paramref name="node"/>, left in place: every surviving node reads them to tell its own sessions.</summary>
    public async Task<IReadOnlyList<(string Account, Guid EndpointId)>> ReadAsync(string node, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT account, endpoint_id FROM msnp_cluster_endpoints WHERE node = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        return await ReadPairsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the rows of a node that is gone, once every live node has had time to read them;
    /// rows written in the last <paramref name="age"/> (by a new run under the same name) stay.
    /// </summary>
    public async Task<int> DeleteStaleAsync(string node, TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_endpoints WHERE node = $1 AND written_at < now() - $2");
        command.Parameters.Add(new NpgsqlParameter { Value = node });
        command.Parameters.Add(new NpgsqlParameter { Value = age });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    private static async Task<IReadOnlyList<(string Account, Guid EndpointId)>> ReadPairsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return rows;
    }
}
