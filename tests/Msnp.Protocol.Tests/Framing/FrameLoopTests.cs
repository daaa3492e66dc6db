using System.IO.Pipelines;
using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>
/// The shared read-frame-advance loop over a real <see cref="Pipe"/>. The pipe runs its reader
/// inline on the writer's flush, so when a flush returns the loop has read everything written and
/// is waiting again: what it handled by then is exactly what the bytes so far allowed.
/// </summary>
public class FrameLoopTests
{
    private static readonly FrameScanner Client8 = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer));

    // Payload commands (one with CR LF and a command-like line inside its payload, one empty),
    // CR LF and bare LF endings, runs of separators.
    private static readonly string[] Frames =
    [
        "VER 1 MSNP8 CVR0\r\n",
        "MSG 2 U 5\r\nhello",
        "PNG\r\n",
        "MSG 3 A 0\r\n",
        "CHG  4\tNLN 0\r\n",
        "MSG 5 N 14\r\nab\r\nPNG\r\nMSG 1",
        "OUT\n",
    ];

    private static readonly byte[] Stream = Encoding.ASCII.GetBytes(string.Concat(Frames));

    [Fact]
    public async Task Split_at_every_byte_boundary_every_frame_is_handled_once_in_order_as_soon_as_it_is_complete()
    {
        for (var split = 0; split <= Stream.Length; split++)
        {
            var pipe = InlinePipe();
            var seen = new Recorder();
            var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);

            await WriteAsync(pipe, Stream.AsMemory(0, split));
            Assert.Equal(CompleteFramesIn(split), seen.Lines.Count);
            Assert.False(loop.IsCompleted);

            await WriteAsync(pipe, Stream.AsMemory(split));
            await pipe.Writer.CompleteAsync();
            var result = await loop;

            Assert.Equal(new FrameLoopResult(FrameLoopEnd.Completed, default, 0), result);
            AssertAllFrames(seen);
            Assert.Equal(Stream.Length, seen.Consumed);
        }
    }

    [Fact]
    public async Task One_byte_at_a_time_every_frame_is_handled_once_in_order()
    {
        var pipe = InlinePipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);

        for (var i = 0; i < Stream.Length; i++)
        {
            await WriteAsync(pipe, Stream.AsMemory(i, 1));
            Assert.Equal(CompleteFramesIn(i + 1), seen.Lines.Count);
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(FrameLoopEnd.Completed, (await loop).End);
        AssertAllFrames(seen);
    }

    [Fact]
    public async Task A_frame_cut_off_by_the_end_of_the_stream_is_left_over_and_not_handled()
    {
        var pipe = InlinePipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);

        await WriteAsync(pipe, Bytes("PNG\r\nMSG 2 U 10\r\nabc"));
        await pipe.Writer.CompleteAsync();
        var result = await loop;

        Assert.Equal(FrameLoopEnd.Completed, result.End);
        Assert.Equal("MSG 2 U 10\r\nabc".Length, result.LeftOver);
        Assert.Equal(["PNG"], seen.Lines);
        Assert.Equal(5, seen.Consumed);
    }

    [Fact]
    public async Task A_line_that_cannot_end_within_the_limit_is_a_disconnect_as_soon_as_the_limit_is_passed()
    {
        var pipe = InlinePipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);
        var max = Client8.Table.Limits.MaxLineLength;

        // The longest line plus its CR may still get its LF; one byte more never can.
        await WriteAsync(pipe, Bytes("PNG\r\nCHG 2 " + new string('N', max - 6) + "\r"));
        Assert.False(loop.IsCompleted);
        await WriteAsync(pipe, Bytes("x"));
        var result = await loop;

        Assert.Equal(FrameLoopEnd.Violation, result.End);
        Assert.Equal(FramingError.LineTooLong, result.Violation.Error);
        Assert.Equal(ViolationAction.Disconnect, result.Violation.Action);
        Assert.Equal(max + 2, result.LeftOver);
        Assert.Equal(["PNG"], seen.Lines);
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_a_disconnect_at_its_line_without_waiting_for_the_payload()
    {
        var pipe = InlinePipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);
        var tooLarge = Client8.Table.Limits.MaxClientMessagePayload + 1;

        await WriteAsync(pipe, Bytes($"MSG 2 U 5\r\nhelloMSG 3 U {tooLarge}\r\n"));
        var result = await loop;

        Assert.Equal(FrameLoopEnd.Violation, result.End);
        Assert.Equal(FramingError.PayloadTooLarge, result.Violation.Error);
        Assert.Equal(ViolationAction.Disconnect, result.Violation.Action);
        Assert.Equal(["MSG 2 U 5"], seen.Lines);
    }

    [Fact]
    public async Task Unframeable_bytes_after_good_frames_end_the_loop_without_handling_anything_after_them()
    {
        var pipe = InlinePipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);

        await WriteAsync(pipe, Bytes("PNG\r\nMSG 2 N -100\r\nPNG\r\n"));
        var result = await loop;

        Assert.Equal(FramingError.NegativeLength, result.Violation.Error);
        Assert.Equal(["PNG"], seen.Lines);
    }

    [Fact]
    public async Task A_handler_that_stops_leaves_the_rest_for_the_next_run_which_needs_no_new_bytes()
    {
        var pipe = InlinePipe();
        await WriteAsync(pipe, Stream);
        var seen = new Recorder();

        var first = await FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8, stopAt: 2), CancellationToken.None);
        Assert.Equal(FrameLoopEnd.Stopped, first.End);
        Assert.Equal(2, seen.Lines.Count);

        var second = await FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8, stopAt: 5), CancellationToken.None);
        Assert.Equal(FrameLoopEnd.Stopped, second.End);
        Assert.Equal(5, seen.Lines.Count);

        var rest = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        Assert.Equal(FrameLoopEnd.Completed, (await rest).End);
        AssertAllFrames(seen);
    }

    [Fact]
    public async Task A_handler_that_completes_later_keeps_the_frame_valid_and_the_order()
    {
        var pipe = new Pipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8, yieldEach: true), CancellationToken.None);

        for (var i = 0; i < Stream.Length; i += 7)
        {
            await WriteAsync(pipe, Stream.AsMemory(i, Math.Min(7, Stream.Length - i)));
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(FrameLoopEnd.Completed, (await loop).End);
        AssertAllFrames(seen);
    }

    [Fact]
    public async Task The_scanner_is_asked_per_frame_so_a_handler_can_switch_tables_between_frames()
    {
        // MSNP12's UUX has a payload; before VER the MSNP2 table knows no UUX payload.
        var pipe = InlinePipe();
        var seen = new Recorder();
        var switching = new Recording(seen, new FrameScanner(CommandTable.For(MsnpDialect.Msnp2, FrameDirection.ClientToServer)))
        {
            After = new FrameScanner(CommandTable.For(MsnpDialect.Msnp12, FrameDirection.ClientToServer)),
        };
        var loop = FrameLoop.RunAsync(pipe.Reader, switching, CancellationToken.None);

        await WriteAsync(pipe, Bytes("VER 1 MSNP12 CVR0\r\nUUX 2 7\r\n<Data/>PNG\r\n"));
        await pipe.Writer.CompleteAsync();

        Assert.Equal(FrameLoopEnd.Completed, (await loop).End);
        Assert.Equal(["VER 1 MSNP12 CVR0", "UUX 2 7", "PNG"], seen.Lines);
        Assert.Equal("<Data/>", seen.Payloads[1]);
    }

    [Fact]
    public async Task A_cancelled_pending_read_ends_the_loop_as_canceled()
    {
        var pipe = InlinePipe();
        var seen = new Recorder();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8), CancellationToken.None);

        await WriteAsync(pipe, Bytes("PNG\r\nMSG 2 U"));
        pipe.Reader.CancelPendingRead();
        var result = await loop;

        Assert.Equal(FrameLoopEnd.Canceled, result.End);
        Assert.Equal("MSG 2 U".Length, result.LeftOver);
        Assert.Equal(["PNG"], seen.Lines);
    }

    [Fact]
    public async Task A_cancelled_token_throws_out_of_the_pending_read()
    {
        var pipe = InlinePipe();
        using var cancel = new CancellationTokenSource();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Recording(new Recorder(), Client8), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await loop);
    }

    [Fact]
    public async Task A_handler_exception_propagates_after_the_frames_before_it_were_consumed()
    {
        var pipe = InlinePipe();
        await WriteAsync(pipe, Bytes("PNG\r\nBAD 2\r\nPNG\r\n"));
        var seen = new Recorder();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await FrameLoop.RunAsync(pipe.Reader, new Recording(seen, Client8) { ThrowOn = "BAD 2" }, CancellationToken.None));

        // The failing frame was not consumed: a new run starts with it.
        Assert.Equal(5, seen.Consumed);
        var again = new Recorder();
        var rest = FrameLoop.RunAsync(pipe.Reader, new Recording(again, Client8), CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        await rest;
        Assert.Equal(["BAD 2", "PNG"], again.Lines);
    }

    [Fact]
    public async Task A_handler_failing_after_the_reader_was_completed_surfaces_its_own_error()
    {
        // A connection closed from another thread completes the reader while a frame is handled.
        var pipe = InlinePipe();
        await WriteAsync(pipe, Bytes("PNG\r\nBAD 2\r\n"));
        var handler = new Recording(new Recorder(), Client8) { ThrowOn = "BAD 2", BeforeThrow = () => pipe.Reader.Complete() };

        await Assert.ThrowsAsync<IOException>(async () => await FrameLoop.RunAsync(pipe.Reader, handler, CancellationToken.None));
    }

    [Fact]
    public async Task Reading_frames_allocates_nothing_per_frame()
    {
        var pipe = InlinePipe();
        var count = new Counter();
        var loop = FrameLoop.RunAsync(pipe.Reader, new Counting(count, Client8), CancellationToken.None);
        var chunk = Bytes(string.Concat(Enumerable.Repeat("MSG 2 U 5\r\nhello", 64)));

        // Warm up (first calls compile and fill the pipe's and the builder's pools), then measure on this thread:
        // the inline pipe runs the loop on the writer's thread.
        for (var i = 0; i < 100; i++)
        {
            await WriteAsync(pipe, chunk);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await WriteAsync(pipe, chunk);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await pipe.Writer.CompleteAsync();
        await loop;

        Assert.Equal(1100 * 64, count.Frames);
        Assert.True(allocated < 64 * 1000, $"{allocated} bytes allocated for 64,000 frames");
    }

    private static Pipe InlinePipe() =>
        new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false));

    private static async Task WriteAsync(Pipe pipe, ReadOnlyMemory<byte> bytes)
    {
        await pipe.Writer.WriteAsync(bytes);
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    // How many of Frames end within the first 'length' bytes of Stream.
    private static int CompleteFramesIn(int length)
    {
        int end = 0, complete = 0;
        foreach (var frame in Frames)
        {
            end += frame.Length;
            if (end <= length)
            {
                complete++;
            }
        }

        return complete;
    }

    private static void AssertAllFrames(Recorder seen)
    {
        Assert.Equal(["VER 1 MSNP8 CVR0", "MSG 2 U 5", "PNG", "MSG 3 A 0", "CHG  4\tNLN 0", "MSG 5 N 14", "OUT"], seen.Lines);
        Assert.Equal([null, "hello", null, "", null, "ab\r\nPNG\r\nMSG 1", null], seen.Payloads);
    }

    private sealed class Recorder
    {
        public List<string> Lines { get; } = [];

        public List<string?> Payloads { get; } = [];

        public long Consumed { get; set; }
    }

    private struct Recording(Recorder seen, FrameScanner scanner, int stopAt = 0, bool yieldEach = false) : IFrameHandler
    {
        private FrameScanner _scanner = scanner;

        public FrameScanner? After { get; init; }

        public string? ThrowOn { get; init; }

        public Action? BeforeThrow { get; init; }

        public readonly FrameScanner Scanner => _scanner;

        public ValueTask<bool> OnFrameAsync(MsnpFrame frame)
        {
            var line = Encoding.ASCII.GetString(frame.Line);
            if (line == ThrowOn)
            {
                BeforeThrow?.Invoke();
                throw BeforeThrow is null ? new InvalidOperationException(line) : new IOException(line);
            }

            if (yieldEach)
            {
                return LaterAsync(seen, frame, line, stopAt);
            }

            Record(seen, frame, line);
            _scanner = After ?? _scanner;
            return new(stopAt == 0 || seen.Lines.Count < stopAt);
        }

        public readonly void OnConsumed(long bytes) => seen.Consumed += bytes;

        private static void Record(Recorder seen, in MsnpFrame frame, string line)
        {
            seen.Lines.Add(line);
            seen.Payloads.Add(frame.HasPayload ? Encoding.ASCII.GetString(frame.Payload) : null);
        }

        // Reads the frame's slices only after yielding, so they must still be valid then.
        private static async ValueTask<bool> LaterAsync(Recorder seen, MsnpFrame frame, string line, int stopAt)
        {
            await Task.Yield();
            Record(seen, frame, line);
            return stopAt == 0 || seen.Lines.Count < stopAt;
        }
    }

    private sealed class Counter
    {
        public long Frames { get; set; }
    }

    private readonly struct Counting(Counter count, FrameScanner scanner) : IFrameHandler
    {
        public FrameScanner Scanner => scanner;

        public ValueTask<bool> OnFrameAsync(MsnpFrame frame)
        {
            count.Frames++;
            return new(true);
        }

        public void OnConsumed(long bytes)
        {
        }
    }
}
