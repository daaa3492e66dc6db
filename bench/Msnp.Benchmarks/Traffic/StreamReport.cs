using System.Globalization;

namespace Msnp.Benchmarks.Traffic;

/// <summary>Describes the benchmark streams (<c>dotnet run -- streams</c>), for the benchmark notes.</summary>
public static class StreamReport
{
    /// <summary>Prints each stream's frame count, byte size and mix.</summary>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var direction in Enum.GetValues<TrafficDirection>())
        {
            foreach (var frames in new[] { TrafficStreams.LargeStream, TrafficStreams.SmallStream })
            {
                var stream = TrafficStreams.Get(direction, frames);
                var payloads = stream.Frames.Where(f => f.Payload is not null).Select(f => f.Payload!.Length).ToArray();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{direction}, {stream.Frames.Length} frames: {stream.Bytes.Length} bytes, {stream.BytesPerFrame:F1} bytes/frame, seed {TrafficGenerator.DefaultSeed}"));
                output.WriteLine("  mix: " + string.Join(", ", stream.Kinds.Select(k => $"{k.Key} {k.Value}")));
                if (payloads.Length > 0)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  payloads: {payloads.Length}, {payloads.Min()}-{payloads.Max()} bytes, mean {payloads.Average():F1}, {payloads.Sum()} bytes in all"));
                }
            }
        }
    }
}
