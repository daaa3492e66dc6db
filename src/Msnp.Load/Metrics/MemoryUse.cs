using System.Globalization;

namespace Msnp.Load.Metrics;

/// <summary>Memory held per idle connection, measured as the growth from before connecting to after.</summary>
/// <param name="Connections">Connections held open when measured.</param>
/// <param name="ManagedBytes">Growth of the managed heap after a full collection; null when the server is another process.</param>
/// <param name="ResidentBytes">Growth of the measured process's resident set (VmRSS); 0 where /proc is missing.</param>
/// <param name="ResidentTotalBytes">The measured process's whole resident set while holding the connections.</param>
/// <param name="Measured">Which process was read, for the report.</param>
public sealed record MemoryUse(long Connections, long? ManagedBytes, long ResidentBytes, long ResidentTotalBytes, string Measured)
{
    /// <summary>Managed bytes per connection, when known.</summary>
    public double? ManagedPerConnection => ManagedBytes is { } m && Connections > 0 ? (double)m / Connections : null;

    /// <summary>Resident bytes per connection.</summary>
    public double ResidentPerConnection => Connections > 0 ? (double)ResidentBytes / Connections : 0;

    /// <summary>Managed heap size after a full, compacting collection.</summary>
    public static long ManagedNow()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>VmRSS of this process, in bytes; 0 when unavailable.</summary>
    public static long ResidentNow() => ResidentOf(null);

    /// <summary>VmRSS of process <paramref name="processId"/> (this one when null) from /proc, in bytes; 0 when unavailable.</summary>
    public static long ResidentOf(int? processId)
    {
        var path = processId is { } pid ? $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status" : "/proc/self/status";
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (TryParseStatusLine(line, "VmRSS:", out var bytes))
                {
                    return bytes;
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

    /// <summary>Reads a <c>Name:   1234 kB</c> line of /proc/PID/status as bytes.</summary>
    public static bool TryParseStatusLine(string line, string name, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(name);
        bytes = 0;
        if (!line.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = line[name.Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2 || fields[1] != "kB" || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
        {
            return false;
        }

        bytes = kb * 1024;
        return true;
    }
}
