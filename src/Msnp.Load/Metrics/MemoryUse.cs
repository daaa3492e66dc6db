using System.Globalization;

namespace Msnp.Load.Metrics;

/// <summary>Memory held per idle connection, measured as the growth from before connecting to after.</summary>
/// <param name="Connections">Connections held open when measured.</param>
/// <param name="ManagedBytes">Growth of the managed heap after a full collection.</param>
/// <param name="ResidentBytes">Growth of the process's resident set (VmRSS); 0 where /proc is missing.</param>
public sealed record MemoryUse(long Connections, long ManagedBytes, long ResidentBytes)
{
    /// <summary>Managed bytes per connection.</summary>
    public double ManagedPerConnection => Connections > 0 ? (double)ManagedBytes / Connections : 0;

    /// <summary>Resident bytes per connection.</summary>
    public double ResidentPerConnection => Connections > 0 ? (double)ResidentBytes / Connections : 0;

    /// <summary>Managed heap size after a full, compacting collection.</summary>
    public static long ManagedNow()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>VmRSS of this process from /proc/self/status, in bytes; 0 when unavailable.</summary>
    public static long ResidentNow()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
