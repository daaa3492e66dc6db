using System.Diagnostics;

namespace Msnp.Load.Metrics;

/// <summary>
/// Latencies in <see cref="Stopwatch"/> ticks, appended by one worker without locking and merged
/// once at the end, so recording costs one array store on the hot path.
/// </summary>
public sealed class LatencySamples
{
    private long[] _items = new long[1024];

    /// <summary>How many samples were recorded.</summary>
    public int Count { get; private set; }

    /// <summary>Records one latency in Stopwatch ticks.</summary>
    public void Add(long ticks)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = ticks;
    }

    /// <summary>The recorded samples.</summary>
    public ReadOnlySpan<long> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Merges every worker's samples into one summary.</summary>
    public static LatencySummary Summarize(IEnumerable<LatencySamples> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        var all = new long[list.Sum(p => p.Count)];
        var at = 0;
        foreach (var part in list)
        {
            part.AsSpan().CopyTo(all.AsSpan(at));
            at += part.Count;
        }

        return LatencySummary.FromTicks(all);
    }
}
