using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

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

    /// <summary>The largest segment a burst grows to: each segment it fills is followed by one four times as large.</summary>
    public const int LargestSegment = 128 * 1024;

    // Most batches fit one segment (a command, a relayed message): it is kept in a field, and the
    // list (with its backing array) only exists once a connection has had a larger burst.
    private (byte[] Array, int Length) _first;
    private List<(byte[] Array, int Length)>? _more;
    private byte[]? _current;
    private int _currentLength;

    // The size of a batch's first segment: the last batch's size (a power of two from SegmentSize up
    // to LargestSegment), so a connection that is sent batches of tens of KiB in a row (a switchboard
    // receiver of a streaming sender) gets each in one segment, one send, instead of two or three.
    private int _firstSize = SegmentSize;

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

    /// <summary>Segments written and not yet given back (the one being written is sealed first by <see cref="Seal"/>).</summary>
    public int SegmentCount => (_first.Array is null ? 0 : 1) + (_more?.Count ?? 0);

    /// <summary>The array and length of segment <paramref name="index"/>, in writing order.</summary>
    public (byte[] Array, int Length) Segment(int index) => index == 0 ? _first : _more![index - 1];

    /// <summary>Copies everything written into <paramref name="output"/>, flushes it, and returns the segments to the pool.</summary>
    /// <remarks>For a writer that is not our socket transport's (Kestrel's pipe, the HTTP gateway): that
    /// one sends the segments themselves (<see cref="Transport.SocketWriter.SendAsync"/>). The state
    /// machine is pooled: a flush that waits for the socket (a busy receiver) happens once per drained
    /// batch on the relay path, and would otherwise allocate its box each time.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask DrainAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        Seal();
        try
        {
            for (var i = 0; i < SegmentCount; i++)
            {
                var (array, length) = Segment(i);
                output.Write(array.AsSpan(0, length));
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>Returns every segment to the pool: the buffer is empty again.</summary>
    public void Clear()
    {
        Seal();
        if (_first.Array is not null)
        {
            ArrayPool<byte>.Shared.Return(_first.Array);
            _first = default;
        }

        if (_more is not null)
        {
            foreach (var (array, _) in _more)
            {
                ArrayPool<byte>.Shared.Return(array);
            }

            _more.Clear();
        }

        _firstSize = WrittenCount <= SegmentSize ? SegmentSize : (int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)WrittenCount), LargestSegment);
        WrittenCount = 0;
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _currentLength >= needed)
        {
            return _current;
        }

        // A burst that fills a segment gets a larger one next (up to LargestSegment), so a drained
        // batch goes to the socket in few sends; the next batch starts small again.
        var size = _current is null ? (_first.Array is null ? _firstSize : SegmentSize) : Math.Min(_current.Length * 4, LargestSegment);
        Seal();
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, size));
        _currentLength = 0;
        return _current;
    }

    /// <summary>Ends the segment being written: it joins the list (or goes back to the pool when nothing was written to it).</summary>
    public void Seal()
    {
        if (_current is null)
        {
            return;
        }

        if (_currentLength > 0)
        {
            if (_first.Array is null)
            {
                _first = (_current, _currentLength);
            }
            else
            {
                (_more ??= []).Add((_current, _currentLength));
            }
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_current);
        }

        _current = null;
        _currentLength = 0;
    }
}
