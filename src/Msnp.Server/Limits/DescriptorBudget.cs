using System.Globalization;

namespace Msnp.Server.Limits;

/// <summary>
/// Keeps the connection limits under the process's file-descriptor limit (<c>RLIMIT_NOFILE</c>):
/// every TCP connection is a descriptor, and a process that runs out of them cannot accept,
/// open its database or even start a thread. Linux only (read from <c>/proc/self</c>); elsewhere
/// the limits are left as configured.
/// </summary>
internal static class DescriptorBudget
{
    /// <summary>
    /// Descriptors kept beyond those open when the caps are clamped: assemblies loaded later (the
    /// runtime keeps each file open), the database's connections, logs, threads, and sockets the
    /// listeners accept while they refuse a flood (each is open until its close runs).
    /// </summary>
    public const int MinimumReserve = 128;

    /// <summary>
    /// Lowers <see cref="ServerLimits.MaxConnections"/> plus <see cref="ServerLimits.MaxHttpConnections"/>
    /// to the descriptor limit minus a reserve (those open now plus <see cref="MinimumReserve"/> or a
    /// tenth of the limit, whichever is more).
    /// Returns the log line saying so, or null when nothing changed or the limit is unknown.
    /// </summary>
    public static string? Clamp(ServerLimits limits)
    {
        if (SoftLimit() is not { } soft)
        {
            return null;
        }

        int open = OpenNow();
        int reserve = open + Math.Max(MinimumReserve, soft / 10);
        int budget = Math.Max(16, soft - reserve);
        if (limits.MaxConnections + limits.MaxHttpConnections <= budget)
        {
            return null;
        }

        // HTTP gets at most a quarter of the descriptors, MSNP the rest; of those, at most a third
        // may be connections that have not signed in, so floods leave room for signed-in users.
        var before = (limits.MaxConnections, limits.MaxUnauthenticatedConnections, limits.MaxHttpConnections);
        limits.MaxHttpConnections = Math.Clamp(limits.MaxHttpConnections, 1, Math.Max(1, budget / 4));
        limits.MaxConnections = Math.Clamp(limits.MaxConnections, 1, budget - limits.MaxHttpConnections);
        limits.MaxUnauthenticatedConnections = Math.Clamp(limits.MaxUnauthenticatedConnections, 1, Math.Max(1, limits.MaxConnections / 3));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Connection limits lowered to fit the file-descriptor limit (RLIMIT_NOFILE {soft}, {open} open now, {reserve} kept in reserve): MaxConnections {before.MaxConnections} -> {limits.MaxConnections}, MaxUnauthenticatedConnections {before.MaxUnauthenticatedConnections} -> {limits.MaxUnauthenticatedConnections}, MaxHttpConnections {before.MaxHttpConnections} -> {limits.MaxHttpConnections}. Raise the limit (ulimit -n, LimitNOFILE=) to allow more.");
    }

    // "Max open files            1024                 1048576              files"
    private static int? SoftLimit()
    {
        const string path = "/proc/self/limits";
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
        }

        return null;
    }

    private static int OpenNow()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
