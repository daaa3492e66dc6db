using System.Collections.Concurrent;

namespace Msnp.Benchmarks.Traffic;

/// <summary>The benchmark streams, generated once per process and shared by benchmarks and report columns.</summary>
public static class TrafficStreams
{
    /// <summary>Frames handled per benchmark invocation; a constant because OperationsPerInvoke must be one.</summary>
    public const int FramesPerInvocation = 10_000;

    /// <summary>A stream larger than one core's L2 cache: every line is read from L3 or memory.</summary>
    public const int LargeStream = FramesPerInvocation;

    /// <summary>A stream that stays in L2 when read over and over, like bytes that just arrived from a socket.</summary>
    public const int SmallStream = 1_000;

    private static readonly ConcurrentDictionary<(TrafficDirection Direction, int Frames), TrafficStream> Streams = new();

    /// <summary>The first <paramref name="frames"/> frames written by <paramref name="direction"/>'s sender.</summary>
    public static TrafficStream Get(TrafficDirection direction, int frames) =>
        Streams.GetOrAdd((direction, frames), static key => TrafficGenerator.Generate(key.Direction, key.Frames));
}
