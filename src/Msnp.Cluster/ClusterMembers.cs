using Orleans.Runtime;

namespace Msnp.Cluster;

/// <summary>
/// Reading Orleans' membership by node name (a node's silo name is its <c>--node-name</c>). A node
/// the snapshot does not know yet counts as alive: it may have joined a moment ago, and a record
/// of it must not be thrown away before this node has heard of it.
/// </summary>
internal static class ClusterMembers
{
    /// <summary>True for the states of a node that may still hold sessions.</summary>
    public static bool IsAlive(SiloStatus status) => status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;

    /// <summary>True when <paramref name="nodeName"/> is known to have died or left and has not come back.</summary>
    public static bool IsGone(ClusterMembershipSnapshot snapshot, string nodeName)
    {
        bool known = false;
        foreach (var member in snapshot.Members.Values)
        {
            if (string.Equals(member.Name, nodeName, StringComparison.Ordinal))
            {
                if (member.Status != SiloStatus.Dead)
                {
                    return false;
                }

                known = true;
            }
        }

        return known;
    }

    /// <summary>True when the silo <paramref name="silo"/> (one run of a node) is known to be dead.</summary>
    public static bool IsDead(ClusterMembershipSnapshot snapshot, SiloAddress silo) =>
        snapshot.Members.TryGetValue(silo, out var member) && member.Status == SiloStatus.Dead;
}
