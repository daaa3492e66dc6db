using System.Globalization;

namespace Msnp.Load.Metrics;

/// <summary>The machine's 1-minute load average when a run started and when it ended, so a figure can be read against how busy the machine was.</summary>
/// <param name="Start">At the start of the run.</param>
/// <param name="End">At the end of the run.</param>
public readonly record struct LoadAverage(double Start, double End)
{
    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static double? Now()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var first = text.AsSpan(0, Math.Max(0, text.IndexOf(' ', StringComparison.Ordinal)));
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Both readings, or null when either is missing.</summary>
    public static LoadAverage? Between(double? start, double? end) => start is { } s && end is { } e ? new LoadAverage(s, e) : null;
}
