using BenchmarkDotNet.Configs;

namespace Msnp.Benchmarks.Reporting;

/// <summary>Adds the throughput columns derived from the per-frame time; jobs come from the command line.</summary>
public sealed class PerFrameConfig : ManualConfig
{
    /// <summary>Registers the columns.</summary>
    public PerFrameConfig() => AddColumn(
        new PerFrameColumn("B/frame", "Mean bytes per frame of the stream, payload included", (_, bytesPerFrame) => bytesPerFrame),
        new PerFrameColumn("Mframes/s", "Millions of frames per second on one core (1000 / Mean in ns)", (ns, _) => 1e3 / ns),
        new PerFrameColumn("MB/s", "Stream bytes per second, in 10^6 bytes (B/frame / Mean)", (ns, bytesPerFrame) => bytesPerFrame / ns * 1e3));
}
