namespace Msnp.Benchmarks.Traffic;

/// <summary>One kind of frame in a generated stream and how often it is drawn (out of the weights' sum).</summary>
/// <param name="Name">Short label for reports, e.g. <c>NLN</c>.</param>
/// <param name="Weight">Relative frequency.</param>
/// <param name="Make">Builds one frame of this kind.</param>
internal sealed record TrafficMix(string Name, int Weight, Func<TrafficContext, TrafficFrame> Make);
