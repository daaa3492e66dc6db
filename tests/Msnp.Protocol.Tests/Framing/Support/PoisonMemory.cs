using System.Buffers;

namespace Msnp.Protocol.Tests.Framing.Support;

/// <summary>
/// Memory whose bytes cannot be read: any attempt throws. Placed after a frame (or as a payload) in
/// a sequence, it proves the scanner never looks at bytes it does not need.
/// </summary>
internal sealed class PoisonMemory(int length) : MemoryManager<byte>
{
    public override Memory<byte> Memory => CreateMemory(length);

    public override Span<byte> GetSpan() => throw new InvalidOperationException("The scanner read bytes it must not look at.");

    public override MemoryHandle Pin(int elementIndex = 0) => throw new InvalidOperationException("The scanner pinned bytes it must not look at.");

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
