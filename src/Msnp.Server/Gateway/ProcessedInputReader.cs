using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Gateway;

/// <summary>
/// The session's input as the shared read loop sees it. It counts how far the loop has examined,
/// so a request can wait until the commands it carried were handled: the loop advances past a
/// batch only after every frame in it was handled, and it examines partial frames too.
/// </summary>
internal sealed class ProcessedInputReader : PipeReader
{
    private readonly PipeReader _inner;
    private readonly Lock _sync = new();
    private ReadOnlySequence<byte> _last;
    private long _consumed;
    private long _examined;
    private long _written;
    private long _target;
    private TaskCompletionSource? _waiter;

    public ProcessedInputReader(PipeReader inner) => _inner = inner;

    /// <summary>Records bytes about to be written to the input; returns the total to wait for.</summary>
    public long NoteWritten(int count)
    {
        lock (_sync)
        {
            _written += count;
            return _written;
        }
    }

    /// <summary>Bytes written to the input that the loop has not examined yet.</summary>
    public long Backlog
    {
        get
        {
            lock (_sync)
            {
                return _examined == long.MaxValue ? 0 : _written - _examined;
            }
        }
    }

    /// <summary>The total written so far.</summary>
    public long Written
    {
        get
        {
            lock (_sync)
            {
                return _written;
            }
        }
    }

    /// <summary>Completes once the loop examined <paramref name="total"/> bytes, or <see cref="ReleaseWaiters"/> was called.</summary>
    public Task WaitExaminedAsync(long total)
    {
        lock (_sync)
        {
            if (_examined >= total)
            {
                return Task.CompletedTask;
            }

            _target = total;
            _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    /// <summary>The session ended: nothing more will be examined.</summary>
    public void ReleaseWaiters()
    {
        TaskCompletionSource? waiter;
        lock (_sync)
        {
            waiter = _waiter;
            _waiter = null;
            _examined = long.MaxValue;
        }

        waiter?.TrySetResult();
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await _inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            _last = result.Buffer;
        }

        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!_inner.TryRead(out result))
        {
            return false;
        }

        lock (_sync)
        {
            _last = result.Buffer;
        }

        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        TaskCompletionSource? release = null;
        lock (_sync)
        {
            var examinedTotal = _consumed + _last.Slice(_last.Start, examined).Length;
            _consumed += _last.Slice(_last.Start, consumed).Length;
            _last = default;
            if (examinedTotal > _examined && _examined != long.MaxValue)
            {
                _examined = examinedTotal;
            }

            if (_waiter is not null && _examined >= _target)
            {
                release = _waiter;
                _waiter = null;
            }
        }

        _inner.AdvanceTo(consumed, examined);
        release?.TrySetResult();
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);
}
