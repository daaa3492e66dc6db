using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Passport;

/// <summary>
/// A <see cref="PipeReader"/> over a connection's input that repairs the connection's first request
/// line (see <see cref="RequestLineRepair"/>) and then gets out of the way: bytes after that line are
/// passed on unchanged, and once the repaired bytes are consumed every call goes straight to the
/// underlying reader.
/// </summary>
internal sealed class RequestLineRepairingReader(PipeReader inner) : PipeReader
{
    private enum Phase
    {
        Inspecting, // looking for the end of the first line
        Replaying,  // serving the repaired line (and what arrived with it) from our own buffer
        PassThrough,
    }

    private Phase _phase;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private bool _examinedAll;
    private bool _innerCompleted;
    private ReadOnlySequence<byte> _lastReturned;

    /// <inheritdoc/>
    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) => _phase switch
    {
        Phase.PassThrough => inner.ReadAsync(cancellationToken),
        Phase.Inspecting => InspectAsync(cancellationToken),
        _ => ReplayAsync(cancellationToken),
    };

    /// <inheritdoc/>
    public override bool TryRead(out ReadResult result)
    {
        switch (_phase)
        {
            case Phase.PassThrough:
                return inner.TryRead(out result);
            case Phase.Inspecting:
                if (inner.TryRead(out var read))
                {
                    result = Decide(read);
                    return true;
                }

                result = default;
                return false;
            default:
                if (!_examinedAll || _innerCompleted)
                {
                    result = Current(canceled: false);
                    return true;
                }

                if (inner.TryRead(out var more))
                {
                    Append(more);
                    result = Current(more.IsCanceled);
                    return true;
                }

                result = default;
                return false;
        }
    }

    /// <inheritdoc/>
    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    /// <inheritdoc/>
    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_phase != Phase.Replaying)
        {
            inner.AdvanceTo(consumed, examined);
            return;
        }

        _start += (int)_lastReturned.Slice(_lastReturned.Start, consumed).Length;
        _examinedAll = _lastReturned.Slice(examined).IsEmpty;
        if (_start == _end)
        {
            _buffer = [];
            _phase = Phase.PassThrough;
        }
    }

    /// <inheritdoc/>
    public override void CancelPendingRead() => inner.CancelPendingRead();

    /// <inheritdoc/>
    public override void Complete(Exception? exception = null)
    {
        _buffer = [];
        _phase = Phase.PassThrough;
        inner.Complete(exception);
    }

    private async ValueTask<ReadResult> InspectAsync(CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Decide(read);
    }

    // Decides once the first line is complete (or cannot be: too long, stream ended). Until then the
    // partial line goes to Kestrel as it is: Kestrel consumes nothing of an unfinished request line,
    // and seeing its first bytes starts Kestrel's request-headers timeout. (Holding the bytes back
    // left Kestrel waiting on its longer keep-alive timeout, so a line without LF was held 43 s.)
    private ReadResult Decide(ReadResult read)
    {
        var buffer = read.Buffer;
        if (read.IsCanceled)
        {
            return read; // still undecided; the caller advances the inner reader through us
        }

        var window = buffer.Length > RequestLineRepair.MaxLineBytes ? buffer.Slice(0, RequestLineRepair.MaxLineBytes) : buffer;
        var lineFeed = window.PositionOf((byte)'\n');
        if (lineFeed is null && buffer.Length < RequestLineRepair.MaxLineBytes && !read.IsCompleted)
        {
            return read; // still undecided; Kestrel examines it and advances the inner reader through us
        }

        var line = lineFeed is null ? default : buffer.Slice(0, lineFeed.Value);
        if (lineFeed is null || !RequestLineRepair.TryRepair(line.IsSingleSegment ? line.FirstSpan : line.ToArray(), out var repaired))
        {
            _phase = Phase.PassThrough;
            return read;
        }

        var rest = buffer.Slice(lineFeed.Value);
        _buffer = new byte[repaired.Length + (int)rest.Length];
        repaired.CopyTo(_buffer, 0);
        rest.CopyTo(_buffer.AsSpan(repaired.Length));
        _start = 0;
        _end = _buffer.Length;
        _examinedAll = false;
        _innerCompleted = read.IsCompleted;
        inner.AdvanceTo(buffer.End);
        _phase = Phase.Replaying;
        return Current(canceled: false);
    }

    private async ValueTask<ReadResult> ReplayAsync(CancellationToken cancellationToken)
    {
        if (!_examinedAll || _innerCompleted)
        {
            return Current(canceled: false);
        }

        var read = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        Append(read);
        return Current(read.IsCanceled);
    }

    private void Append(ReadResult read)
    {
        var data = read.Buffer;
        var length = (int)data.Length;
        var remaining = _end - _start;
        if (_end + length > _buffer.Length)
        {
            var target = remaining + length <= _buffer.Length ? _buffer : new byte[Math.Max(_buffer.Length * 2, remaining + length)];
            _buffer.AsSpan(_start, remaining).CopyTo(target);
            _buffer = target;
            _start = 0;
            _end = remaining;
        }

        data.CopyTo(_buffer.AsSpan(_end));
        _end += length;
        inner.AdvanceTo(data.End);
        _innerCompleted = read.IsCompleted;
        if (length > 0)
        {
            _examinedAll = false;
        }
    }

    private ReadResult Current(bool canceled)
    {
        _lastReturned = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
        return new ReadResult(_lastReturned, canceled, _innerCompleted);
    }
}
