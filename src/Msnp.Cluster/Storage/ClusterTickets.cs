using Msnp.Server.Hosting;
using Msnp.Server.Passport;
using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// Tickets every node of a cluster accepts, for a tool outside the cluster (<c>msnp load --nodes</c>
/// makes its accounts' tickets this way): signed with the shared key the nodes sign with, read
/// once from <c>msnp_cluster_keys</c>. It neither adds nor deletes keys; the nodes rotate them.
/// </summary>
public static class ClusterTickets
{
    /// <summary>A ticket service over the cluster's keys in <paramref name="postgres"/> (an Npgsql connection string).</summary>
    /// <exception cref="InvalidOperationException">No node has started on that database, so it holds no key.</exception>
    public static async Task<TicketService> OpenAsync(string postgres, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(postgres);

        // The default refresh period: a key that much older has been read by nodes with the
        // default period or a shorter one, and the key before it is still accepted until then.
        var ring = await TicketKeys.ReadRingAsync(database, new ClusterSettings().TicketKeyRefresh, cancellationToken).ConfigureAwait(false);
        return new TicketService(ring, lifetime, TimeProvider.System);
    }
}
