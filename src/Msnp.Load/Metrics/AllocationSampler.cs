using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Msnp.Load.Metrics;

/// <summary>
/// A sampling allocation profile of this process without external tools: the runtime raises a
/// GC AllocationTick event about every 100 KB allocated, naming the type that crossed the mark,
/// so counting events per type ranks what allocates most (in-process runs: server and load side).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private const int AllocationTickEventId = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Starts counting.</summary>
    public void Start() => _recording = true;

    /// <summary>Stops counting.</summary>
    public void Stop() => _recording = false;

    /// <summary>The <paramref name="count"/> types with the most sampled bytes, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) =>
        [.. _bytes.OrderByDescending(p => p.Value).Take(count)];

    // Powers of two, so sizes group without hiding which buffer it was.
    private static string SizeClass(ulong size) =>
        size <= 64 ? "≤64 B" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≤{1UL << (64 - System.Numerics.BitOperations.LeadingZeroCount(size - 1)):N0} B");

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var typeAt = eventData.PayloadNames.IndexOf("TypeName");
        var amountAt = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeAt < 0 || eventData.Payload[typeAt] is not string type)
        {
            return;
        }

        var amount = amountAt >= 0 && eventData.Payload[amountAt] is ulong a ? (long)a : 100_000;

        // The size of the object that crossed the mark tells arrays of one type apart (pipe blocks, buffers, samples).
        var sizeAt = eventData.PayloadNames.IndexOf("ObjectSize");
        var key = sizeAt >= 0 && eventData.Payload[sizeAt] is ulong size ? $"{type} of {SizeClass(size)}" : type;
        _bytes.AddOrUpdate(key, amount, (_, sum) => sum + amount);
    }
}
