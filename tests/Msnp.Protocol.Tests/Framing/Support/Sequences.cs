using System.Buffers;

namespace Msnp.Protocol.Tests.Framing.Support;

/// <summary>The ways a test hands the same bytes to the scanner: contiguous, split, byte by byte, fenced by guard bytes.</summary>
internal static class Sequences
{
    /// <summary>Guard fillers: an arbitrary byte, and LF, which a scanner straying outside its buffer would take for a line end.</summary>
    public static readonly byte[] GuardBytes = [0xCC, (byte)'\n'];

    private const int GuardLength = 16;

    public static ReadOnlySequence<byte> Contiguous(byte[] bytes) => new(bytes);

    /// <summary>Two segments, cut at <paramref name="at"/> (either may be empty).</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, int at) =>
        BufferSegment.Chain([bytes.AsMemory(0, at), bytes.AsMemory(at)]);

    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        bytes.Length == 0 ? ReadOnlySequence<byte>.Empty : BufferSegment.Chain([.. Enumerable.Range(0, bytes.Length).Select(i => (ReadOnlyMemory<byte>)bytes.AsMemory(i, 1))]);

    /// <summary>Segments of the given sizes, in order; the sizes must add up to the length.</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, IEnumerable<int> sizes)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        int offset = 0;
        foreach (int size in sizes)
        {
            pieces.Add(bytes.AsMemory(offset, size));
            offset += size;
        }

        if (offset != bytes.Length)
        {
            throw new ArgumentException("The chunk sizes must cover the bytes exactly.", nameof(sizes));
        }

        return BufferSegment.Chain(pieces);
    }

    /// <summary>The bytes as the middle of a larger array filled with <paramref name="guard"/>.</summary>
    public static ReadOnlyMemory<byte> Guarded(ReadOnlySpan<byte> bytes, byte guard)
    {
        var backing = new byte[GuardLength + bytes.Length + GuardLength];
        backing.AsSpan().Fill(guard);
        bytes.CopyTo(backing.AsSpan(GuardLength));
        return backing.AsMemory(GuardLength, bytes.Length);
    }

    /// <summary>
    /// Every way the tests feed one buffer: contiguous, split in two at every point, one byte per
    /// segment, and the guarded variants of the single and split forms.
    /// </summary>
    public static IEnumerable<(string How, ReadOnlySequence<byte> Sequence)> AllWays(byte[] bytes)
    {
        yield return ("contiguous", Contiguous(bytes));
        for (int at = 0; at <= bytes.Length; at++)
        {
            yield return ($"split at {at}", SplitAt(bytes, at));
        }

        yield return ("one byte per segment", OneBytePerSegment(bytes));
        foreach (byte guard in GuardBytes)
        {
            yield return ($"guarded by 0x{guard:X2}", new ReadOnlySequence<byte>(Guarded(bytes, guard)));
            for (int at = 0; at <= bytes.Length; at++)
            {
                yield return ($"guarded by 0x{guard:X2}, split at {at}", BufferSegment.Chain([Guarded(bytes.AsSpan(0, at), guard), Guarded(bytes.AsSpan(at), guard)]));
            }
        }
    }
}
