using System.Globalization;

namespace Msnp.Load.Metrics;

/// <summary>
/// The open-file limit that caps how many connections one process can hold. The .NET runtime
/// already raises the soft limit to the hard one at start-up, so only the hard limit
/// (<c>ulimit -Hn</c>, set by the administrator) is left to check.
/// </summary>
public static class DescriptorLimit
{
    /// <summary>Descriptors a process needs besides its sockets (runtime, logs, database, listeners).</summary>
    public const int Reserve = 256;

    /// <summary>This process's soft "Max open files" from /proc/self/limits; null when unavailable.</summary>
    public static long? Current()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (TryParseLimitsLine(line, out var soft))
                {
                    return soft;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>Reads the soft value of the <c>Max open files</c> line of /proc/PID/limits.</summary>
    public static bool TryParseLimitsLine(string line, out long soft)
    {
        ArgumentNullException.ThrowIfNull(line);
        soft = 0;
        const string Name = "Max open files";
        if (!line.StartsWith(Name, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = line[Name.Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return false;
        }

        if (fields[0] == "unlimited")
        {
            soft = long.MaxValue;
            return true;
        }

        return long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out soft);
    }

    /// <summary>
    /// Null when <paramref name="sockets"/> more sockets fit under <paramref name="limit"/>;
    /// otherwise what to do about it.
    /// </summary>
    public static string? Check(long sockets, long? limit, bool sharesProcess)
    {
        if (limit is not { } max || sockets + Reserve <= max)
        {
            return null;
        }

        var advice = sharesProcess
            ? " The in-process server needs a descriptor per connection on each side; run the server separately (msnp serve, then --server) or raise the hard limit (ulimit -Hn as root)."
            : " Raise the limit (ulimit -n) in the shell that starts msnp load, and in the one that starts the server.";
        return string.Create(CultureInfo.InvariantCulture, $"{sockets:N0} sockets do not fit under this process's open-file limit of {max:N0}.{advice}");
    }
}
