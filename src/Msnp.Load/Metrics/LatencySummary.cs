using System.Diagnostics;

namespace Msnp.Load.Metrics;

/// <summary>Latency percentiles in microseconds (nearest-rank, so every figure is a measured sample).</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest sample.</param>
public sealed record LatencySummary(long Count, double P50, double P99, double P999, double Max)
{
    /// <summary>No samples.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Sorts <paramref name="ticks"/> in place and reads the percentiles off it.</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Length == 0)
        {
            return Empty;
        }

        Array.Sort(ticks);
        return new LatencySummary(
            ticks.Length,
            ToMicroseconds(Percentile(ticks, 0.50)),
            ToMicroseconds(Percentile(ticks, 0.99)),
            ToMicroseconds(Percentile(ticks, 0.999)),
            ToMicroseconds(ticks[^1]));
    }

    /// <summary>Nearest-rank percentile of sorted values: the smallest value with at least p of the samples at or below it.</summary>
    public static long Percentile(ReadOnlySpan<long> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("No samples.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1.0);
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
