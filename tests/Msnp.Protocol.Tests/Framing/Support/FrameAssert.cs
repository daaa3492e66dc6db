using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Framing.Support;

/// <summary>Assertions that hold for one buffer however it is segmented or guarded.</summary>
internal static class FrameAssert
{
    public static void ReadsEveryWay(FrameScanner scanner, byte[] wire, Scanned expected)
    {
        Assert.Equal($"span: {expected}", $"span: {Scanned.FromSpan(scanner, wire)}");
        foreach (var (how, sequence) in Sequences.AllWays(wire))
        {
            Assert.Equal($"{how}: {expected}", $"{how}: {Scanned.From(scanner, sequence)}");
        }
    }

    public static void ReadsEveryWay(FrameScanner scanner, byte[] wire, string code, uint? trId, byte[] line, byte[]? payload) =>
        ReadsEveryWay(scanner, wire, Scanned.Complete(code, trId, line, payload, wire.Length));

    public static void FailsEveryWay(FrameScanner scanner, byte[] wire, FramingError error) =>
        ReadsEveryWay(scanner, wire, Scanned.Violation(error));
}
