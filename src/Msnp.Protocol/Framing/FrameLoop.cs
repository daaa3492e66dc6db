using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Msnp.Protocol.Framing;

/// <summary>
/// The one read-frame-advance loop over a <see cref="PipeReader"/>, shared by the server's
/// connections, the client library and the load tool: it asks the handler's scanner for complete
/// frames, hands each to the handler in place and advances the reader only past complete frames.
/// </summary>
/// <remarks>
/// Buffering is bounded by the scanner: an incomplete frame is at most one line
/// (<see cref="FramingLimits.MaxLineLength"/>) plus one payload within its command's limit, and
/// anything longer is a <see cref="FrameLoopEnd.Violation"/> (<see cref="FramingViolation.Action"/>
/// says disconnect). The loop allocates nothing per frame or per read: the handler is a type
/// parameter (a struct handler gets its own compiled loop) and the state machine is pooled.
/// Exceptions from the reader (cancellation through the token, I/O errors) and from the handler
/// propagate to the caller after the reader has been advanced past the frames already handled.
/// </remarks>
public static class FrameLoop
{
    /// <summary>Reads and hands on frames until the handler stops, the bytes break framing, the peer completes or the read is cancelled.</summary>
    /// <param name="input">The reader; the loop advances it and never completes it.</param>
    /// <param name="handler">Picks the scanner and receives each frame.</param>
    /// <param name="cancellationToken">Cancels a pending read (an <see cref="OperationCanceledException"/> then propagates).</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<FrameLoopResult> RunAsync<THandler>(PipeReader input, THandler handler, CancellationToken cancellationToken)
        where THandler : IFrameHandler
    {
        ArgumentNullException.ThrowIfNull(input);
        while (true)
        {
            // Only what is used after an await lives in the state machine, which an idle connection
            // keeps while it waits for bytes: the read's flags and the frame's end, not whole structs.
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var canceled = result.IsCanceled;
            var completed = result.IsCompleted;
            long unread = buffer.Length;
            var end = FrameLoopEnd.Completed;
            var violation = default(FramingViolation);
            try
            {
                while (true)
                {
                    var status = handler.Scanner.TryRead(buffer, out var frame, out violation);
                    if (status == ScanStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == ScanStatus.Violation)
                    {
                        end = FrameLoopEnd.Violation;
                        break;
                    }

                    var frameEnd = frame.End;
                    var handled = handler.OnFrameAsync(frame);
                    var more = handled.IsCompletedSuccessfully ? handled.Result : await handled.ConfigureAwait(false);
                    buffer = buffer.Slice(frameEnd);
                    if (!more)
                    {
                        end = FrameLoopEnd.Stopped;
                        break;
                    }
                }
            }
            catch
            {
                // Give back what was handled, but let the caller see the handler's or the reader's
                // error rather than the reader refusing AdvanceTo because it was completed meanwhile.
                try
                {
                    Advance(input, ref handler, unread, buffer, stopped: false);
                }
                catch (InvalidOperationException)
                {
                }

                throw;
            }

            Advance(input, ref handler, unread, buffer, stopped: end == FrameLoopEnd.Stopped);
            if (end != FrameLoopEnd.Completed)
            {
                return new FrameLoopResult(end, violation, buffer.Length);
            }

            if (canceled)
            {
                return new FrameLoopResult(FrameLoopEnd.Canceled, default, buffer.Length);
            }

            if (completed)
            {
                return new FrameLoopResult(FrameLoopEnd.Completed, default, buffer.Length);
            }
        }
    }

    private static void Advance<THandler>(PipeReader input, ref THandler handler, long unread, in ReadOnlySequence<byte> buffer, bool stopped)
        where THandler : IFrameHandler
    {
        if (unread != buffer.Length)
        {
            handler.OnConsumed(unread - buffer.Length);
        }

        // Stopped: only what was consumed counts as examined, so the next read returns the rest at
        // once. Otherwise everything was looked at and the next read waits for more.
        if (stopped)
        {
            input.AdvanceTo(buffer.Start);
        }
        else
        {
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
