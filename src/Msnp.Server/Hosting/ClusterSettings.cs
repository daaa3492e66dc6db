namespace Msnp.Server.Hosting;

/// <summary>
/// Running as one node of several (docs/cluster.md), bound from <c>Msnp:Cluster</c>. Off unless
/// <see cref="Port"/> is set; a cluster needs the shared PostgreSQL store (<c>Msnp:Storage:Postgres</c>).
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The port the node's cluster listener binds (on the bind address); null or 0 runs a single node.</summary>
    public int? Port { get; set; }

    /// <summary>This node's name, unique in the cluster: stamped on its endpoints and its membership row. Default: the machine name.</summary>
    public string? NodeName { get; set; }

    /// <summary>The cluster's name in the membership table: nodes with the same name and database form one network.</summary>
    public string ClusterId { get; set; } = "msnp";

    /// <summary>How often a node probes each other node; a node that misses <see cref="MissedProbesLimit"/> probes in a row is suspected.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes after which a node votes another dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes that declare a node dead (capped by the number of other live nodes).</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>
    /// How long a call to a grain waits for its answer before it fails (Orleans' response timeout,
    /// 30 s by Orleans' default). A failed call is retried (docs/cluster.md, "Node failure"), so a
    /// call to a node that died but is not yet declared dead is answered after this long plus a
    /// retry, instead of hanging. Too short, and a slow but healthy call is given up and sent again.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the endpoint rows of a node that died (and has not started again under its name)
    /// are kept after a node first sees it gone, before that node deletes them. Every live node
    /// reads them at each sync (every 5 s) to announce those users offline, so this must be well
    /// above that period.
    /// </summary>
    public TimeSpan StaleEndpointsAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the shared Passport ticket key is replaced by a new one (docs/cluster.md, "Ticket keys").</summary>
    public TimeSpan TicketKeyRotation { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a node reads the shared ticket keys; a new key signs tickets only once every node has had this long to read it.</summary>
    public TimeSpan TicketKeyRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when this process runs as a cluster node.</summary>
    public bool Enabled => Port is > 0;

    /// <summary>The effective node name.</summary>
    public string EffectiveNodeName => string.IsNullOrWhiteSpace(NodeName) ? Environment.MachineName : NodeName!;
}
