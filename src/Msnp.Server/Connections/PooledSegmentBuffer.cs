using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Connections;

/// <summary>
/// Outgoing bytes in pooled fixed-size segments. Unlike a growing array, a burst never copies what
/// was already written nor allocates a large array (which lands on the large-object heap and
/// costs gen-2 collections), and after a drain every segment goes back to the pool, so an idle
/// connection holds no buffer at all. Not thread-safe: <see cref="OutboundBuffer"/> locks around it.
/// </summary>
internal sealed class PooledSegmentBuffer : IBufferWriter<byte>
{
    /// <summary>The usual segment size; a larger single write gets a segment of its own size.</summary>
    public const int SegmentSize = 8 * 1024;

    private readonly List<(byte[] Array, int Length)> _segments = [];
    private byte[]? _current;
    private int _currentLength;

    /// <summary>Bytes written since the last <see cref="DrainAsync"/>.</summary>
    public int WrittenCount { get; private set; }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_current is null || _currentLength + count > _current.Length)
        {
            throw new InvalidOperationException("Advanced past the span handed out.");
        }

        _currentLength += count;
        WrittenCount += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_currentLength);

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_currentLength);

    /// <summary>Copies everything written into <paramref name="output"/>, flushes it, and returns the segments to the pool.</summary>
    public async ValueTask DrainAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        Seal();
        try
        {
            foreach (var (array, length) in _segments)
            {
                output.Write(array.AsSpan(0, length));
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (array, _) in _segments)
            {
                ArrayPool<byte>.Shared.Return(array);
            }

            _segments.Clear();
            WrittenCount = 0;
        }
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _currentLength >= needed)
        {
            return _current;
        }

        Seal();
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, SegmentSize));
        _currentLength = 0;
        return _current;
    }

    // Moves the segment being written into the list (or back to the pool when nothing was written to it).
    private void Seal()
    {
        if (_current is null)
        {
            return;
        }

        if (_currentLength > 0)
        {
            _segments.Add((_current, _currentLength));
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_current);
        }

        _current = null;
        _currentLength = 0;
    }
}
