namespace Msnp.Load.Metrics;

/// <summary>
/// Allocation and collection counts of this process at one moment. Server and load generator
/// share the process, so a difference over a run covers both; the load side allocates next to
/// nothing per message, so the figure is mostly the server's.
/// </summary>
/// <param name="AllocatedBytes">Bytes allocated so far by every thread.</param>
/// <param name="Gen0">Generation 0 collections so far.</param>
/// <param name="Gen1">Generation 1 collections so far.</param>
/// <param name="Gen2">Generation 2 collections so far.</param>
/// <param name="CpuTime">
/// CPU time this process has used so far (user and system, every thread). On a machine shared with
/// other work the rate of a run moves with the load; the CPU time per operation much less, so
/// before/after comparisons use it.
/// </param>
public readonly record struct RuntimeCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan CpuTime = default)
{
    /// <summary>The counters now.</summary>
    public static RuntimeCounters Now() =>
        new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), Environment.CpuUsage.TotalTime);

    /// <summary>What happened between <paramref name="start"/> and this snapshot.</summary>
    public RuntimeCounters Since(RuntimeCounters start) =>
        new(AllocatedBytes - start.AllocatedBytes, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, CpuTime - start.CpuTime);
}
