using System.Buffers;

namespace Msnp.Fuzz;

/// <summary>Builds a multi-segment sequence so that the scanner's slow path sees the same bytes as its fast path.</summary>
internal sealed class Segment : ReadOnlySequenceSegment<byte>
{
    private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Splits <paramref name="data"/> at the given offsets (ascending, inside the data).</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> data, params int[] cuts)
    {
        if (cuts.Length == 0 || data.IsEmpty)
        {
            return new ReadOnlySequence<byte>(data);
        }

        var first = new Segment(data[..cuts[0]], 0);
        var last = first;
        for (int i = 0; i < cuts.Length; i++)
        {
            int end = i + 1 < cuts.Length ? cuts[i + 1] : data.Length;
            var next = new Segment(data[cuts[i]..end], cuts[i]);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
