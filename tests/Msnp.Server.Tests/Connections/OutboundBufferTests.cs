using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Msnp.Server.Connections;

namespace Msnp.Server.Tests.Connections;

[Collection(nameof(ConnectionsStressCollection))]
public sealed class OutboundBufferTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Lines_from_concurrent_producers_all_arrive_each_producer_in_order() =>
        AssertEachProducersLinesArriveInOrderAsync(static (buffer, _, line) => buffer.Write(line));

    [Fact]
    public async Task Complete_flushes_what_is_queued_then_ends_the_writer_and_refuses_more()
    {
        var buffer = new OutboundBuffer(1024);
        var pipe = new Pipe();
        Assert.True(buffer.Write("OUT\r\n"u8));
        buffer.Complete();
        Assert.False(buffer.Write("late\r\n"u8));

        await buffer.RunAsync(pipe.Writer, CancellationToken.None).WaitAsync(Generous);
        await pipe.Writer.CompleteAsync();
        Assert.Equal(["OUT"], await ReadLinesAsync(pipe.Reader).WaitAsync(Generous));
    }

    [Fact]
    public async Task A_writer_blocked_on_a_peer_that_does_not_read_ends_when_its_token_is_cancelled()
    {
        var buffer = new OutboundBuffer(1024 * 1024);
        var output = new StalledWriter();
        using var cts = new CancellationTokenSource();
        var writer = buffer.RunAsync(output, cts.Token);
        Assert.True(buffer.Write(new byte[64 * 1024]));

        // The flush waits for a reader that never comes, until the token is cancelled.
        await output.FlushStarted.WaitAsync(Generous);
        Assert.False(writer.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WaitAsync(Generous));
        Assert.Equal(64 * 1024, output.Written.WrittenCount);
    }

    [Fact]
    public async Task An_idle_writer_ends_when_completed_and_wakes_the_reader_it_was_given()
    {
        var buffer = new OutboundBuffer(1024);
        var output = new Pipe();
        var input = new Pipe();
        var writer = buffer.RunAsync(output.Writer, CancellationToken.None, wakeWhenDone: input.Reader);
        var read = input.Reader.ReadAsync();
        Assert.False(writer.IsCompleted);
        Assert.False(read.IsCompleted);

        buffer.Complete();
        await writer.WaitAsync(Generous);
        Assert.True((await read.AsTask().WaitAsync(Generous)).IsCanceled);
    }

    [Fact]
    public async Task Bytes_written_without_waking_wait_for_Wake_and_then_go_out_in_one_drain()
    {
        var buffer = new OutboundBuffer(1024 * 1024);
        var output = new CountingWriter();
        var writer = buffer.RunAsync(output, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(buffer.WriteWithoutWaking(i, static (w, n) => w.Write(Encoding.ASCII.GetBytes($"MSG {n}\r\n"))));
        }

        // Nothing woke the writer: it has not flushed (it cannot run before a wake).
        Assert.Equal(0, output.Flushes);
        buffer.Wake();
        await output.FirstFlush.WaitAsync(Generous);
        Assert.Equal("MSG 0\r\nMSG 1\r\nMSG 2\r\n", output.Text);

        // A wake with nothing held back does nothing; Complete sends what was written without waking.
        buffer.Wake();
        Assert.True(buffer.WriteWithoutWaking(3, static (w, n) => w.Write(Encoding.ASCII.GetBytes($"MSG {n}\r\n"))));
        buffer.Complete();
        await writer.WaitAsync(Generous);
        Assert.Equal("MSG 0\r\nMSG 1\r\nMSG 2\r\nMSG 3\r\n", output.Text);
    }

    [Fact]
    public async Task SendHeldBack_on_an_output_other_than_the_own_socket_wakes_the_drain_as_Wake_does()
    {
        var buffer = new OutboundBuffer(1024 * 1024);
        var output = new CountingWriter();
        var writer = buffer.RunAsync(output, CancellationToken.None);
        Assert.True(buffer.WriteWithoutWaking(0, static (w, n) => w.Write(Encoding.ASCII.GetBytes($"MSG {n}\r\n"))));
        Assert.Equal(0, output.Flushes);

        buffer.SendHeldBack();
        await output.FirstFlush.WaitAsync(Generous);
        Assert.Equal("MSG 0\r\n", output.Text);

        // Nothing held back: nothing to send; a close still sends what follows and ends.
        buffer.SendHeldBack();
        Assert.True(buffer.WriteWithoutWaking(1, static (w, n) => w.Write(Encoding.ASCII.GetBytes($"MSG {n}\r\n"))));
        buffer.Complete();
        buffer.SendHeldBack();
        await writer.WaitAsync(Generous);
        Assert.Equal("MSG 0\r\nMSG 1\r\n", output.Text);
    }

    [Fact]
    public async Task Replies_held_for_the_reader_wait_for_it_and_go_out_from_its_thread_in_one_send()
    {
        var buffer = new OutboundBuffer(1024 * 1024);
        var output = new CountingWriter();
        var writer = buffer.RunAsync(output, CancellationToken.None);
        buffer.HoldForReader();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(buffer.Write(i, static (w, n) => w.Write(Encoding.ASCII.GetBytes($"REP {n}\r\n"))));
        }

        // Ordinary writes queue no drain while the reader holds the transport.
        Assert.Equal(0, output.Flushes);
        buffer.SendFromReader();
        Assert.Equal(1, output.Flushes);
        Assert.Equal("REP 0\r\nREP 1\r\nREP 2\r\n", output.Text);

        // Released: the next write wakes the drain as before, and a second release does nothing.
        buffer.SendFromReader();
        Assert.True(buffer.Write("REP 3\r\n"u8));
        await output.Flushed(2).WaitAsync(Generous);
        buffer.Complete();
        await writer.WaitAsync(Generous);
        Assert.Equal("REP 0\r\nREP 1\r\nREP 2\r\nREP 3\r\n", output.Text);
    }

    [Fact]
    public async Task A_close_while_the_reader_holds_ends_the_output_when_the_reader_sends()
    {
        var buffer = new OutboundBuffer(1024);
        var output = new CountingWriter();
        var writer = buffer.RunAsync(output, CancellationToken.None);
        buffer.HoldForReader();
        Assert.True(buffer.Write("USR 4 OK\r\n"u8));
        buffer.Complete();
        Assert.False(writer.IsCompleted);

        buffer.SendFromReader();
        await writer.WaitAsync(Generous);
        Assert.Equal("USR 4 OK\r\n", output.Text);
        Assert.Equal(1, output.Flushes);
    }

    [Fact]
    public async Task Waiting_for_the_drain_while_the_reader_holds_hands_the_send_to_the_thread_pool()
    {
        // A long reply (SendLongAsync) waits for the drain from inside the reader's receive: it must not wait for itself.
        var buffer = new OutboundBuffer(64);
        var output = new CountingWriter();
        var writer = buffer.RunAsync(output, CancellationToken.None);
        buffer.HoldForReader();
        Assert.True(buffer.Write(new byte[40]));
        Assert.True(buffer.IsAboveHighWater);
        await buffer.WaitForDrainAsync().WaitAsync(Generous);
        Assert.Equal(40, output.Text.Length);

        // The hold was handed over: the reader's release sends nothing twice.
        buffer.SendFromReader();
        buffer.Complete();
        await writer.WaitAsync(Generous);
        Assert.Equal(40, output.Text.Length);
    }

    [Fact]
    public async Task A_burst_larger_than_several_segments_arrives_whole_and_in_order()
    {
        // 300 lines of 1 KiB in one batch: the segments grow (8, 32, 128 KiB) within it.
        var buffer = new OutboundBuffer(64 * 1024 * 1024);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var reader = ReadLinesAsync(pipe.Reader);
        var filler = new string('x', 1000);
        for (var i = 0; i < 300; i++)
        {
            Assert.True(buffer.WriteWithoutWaking(i, (w, n) => w.Write(Encoding.ASCII.GetBytes($"{n:D4} {filler}\r\n"))));
        }

        buffer.Complete();
        await buffer.RunAsync(pipe.Writer, CancellationToken.None).WaitAsync(Generous);
        await pipe.Writer.CompleteAsync();
        var lines = await reader.WaitAsync(Generous);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"{i:D4} {filler}"), lines);
    }

    [Fact]
    public async Task Deliver_to_an_idle_connection_sends_from_the_calling_thread_before_it_returns()
    {
        var buffer = new OutboundBuffer(1024);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var writer = buffer.RunAsync(pipe.Writer, CancellationToken.None);

        Assert.True(buffer.Deliver("NLN AWY bob@example.com Bob 0\r\n"u8.ToArray(), static (w, bytes) => w.Write(bytes)));

        // Flushed to the transport already: nothing had to wake the writer loop.
        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal("NLN AWY bob@example.com Bob 0\r\n", Encoding.ASCII.GetString(result.Buffer));
        pipe.Reader.AdvanceTo(result.Buffer.End);

        buffer.Complete();
        await writer.WaitAsync(Generous);
        Assert.False(buffer.Deliver("late\r\n"u8.ToArray(), static (w, bytes) => w.Write(bytes)));
    }

    // Producers 0 and 2 deliver (sending themselves when the connection is idle), 1 and 3 queue.
    [Fact]
    public Task Lines_delivered_and_written_by_concurrent_producers_all_arrive_each_producer_in_order() =>
        AssertEachProducersLinesArriveInOrderAsync(static (buffer, p, line) => p % 2 == 0 ? buffer.Deliver(line, static (w, bytes) => w.Write(bytes)) : buffer.Write(line));

    [Fact]
    public async Task A_delivery_whose_send_must_wait_is_finished_by_the_writer_and_later_lines_follow_it()
    {
        var buffer = new OutboundBuffer(1024 * 1024);
        var output = new GatedWriter();
        var writer = buffer.RunAsync(output, CancellationToken.None);

        // The peer's window is full: the delivering thread returns at once and the send waits.
        Assert.True(buffer.Deliver("first\r\n"u8.ToArray(), static (w, bytes) => w.Write(bytes)));
        await output.FlushStarted.WaitAsync(Generous);
        Assert.True(buffer.Write("second\r\n"u8));
        Assert.True(buffer.Deliver("third\r\n"u8.ToArray(), static (w, bytes) => w.Write(bytes)));
        Assert.Equal("first\r\n", Encoding.ASCII.GetString(output.Written.WrittenSpan));

        output.Open();
        buffer.Complete();
        await writer.WaitAsync(Generous);

        Assert.Equal("first\r\nsecond\r\nthird\r\n", Encoding.ASCII.GetString(output.Written.WrittenSpan));
    }

    // Four producers write 2,000 numbered lines each through send; every line arrives, each producer's in order.
    private static async Task AssertEachProducersLinesArriveInOrderAsync(Func<OutboundBuffer, int, byte[], bool> send)
    {
        const int Producers = 4;
        const int LinesEach = 2_000;
        var buffer = new OutboundBuffer(64 * 1024 * 1024);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var writer = buffer.RunAsync(pipe.Writer, CancellationToken.None);
        var reader = ReadLinesAsync(pipe.Reader);

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < LinesEach; i++)
            {
                Assert.True(send(buffer, p, Encoding.ASCII.GetBytes($"{p} {i}\r\n")));
            }
        })).ToArray();
        await Task.WhenAll(producers).WaitAsync(Generous);

        buffer.Complete();
        await writer.WaitAsync(Generous);
        await pipe.Writer.CompleteAsync();
        var lines = await reader.WaitAsync(Generous);

        Assert.Equal(Producers * LinesEach, lines.Count);
        var next = new int[Producers];
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            int p = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(next[p]++, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static async Task<List<string>> ReadLinesAsync(PipeReader reader)
    {
        var lines = new List<string>();
        var text = new StringBuilder();
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                text.Append(Encoding.ASCII.GetString(segment.Span));
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        lines.AddRange(text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        return lines;
    }

    // A transport whose flush only ends when it is cancelled: a peer that stopped reading.
    // Keeps what is flushed and counts the flushes.
    private sealed class CountingWriter : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _written = new();
        private readonly TaskCompletionSource _firstFlush = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Wait)> _waits = [];
        private int _flushes;

        public int Flushes => Volatile.Read(ref _flushes);

        public Task FirstFlush => _firstFlush.Task;

        // Completes once at least count flushes happened (polled from the flush itself, no timing).
        public Task Flushed(int count)
        {
            lock (_waits)
            {
                if (Flushes >= count)
                {
                    return Task.CompletedTask;
                }

                var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waits.Add((count, wait));
                return wait.Task;
            }
        }

        public string Text
        {
            get
            {
                lock (_written)
                {
                    return Encoding.ASCII.GetString(_written.WrittenSpan);
                }
            }
        }

        public override void Advance(int bytes)
        {
            lock (_written)
            {
                _written.Advance(bytes);
            }
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _written.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _written.GetSpan(sizeHint);

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            var flushes = Interlocked.Increment(ref _flushes);
            _firstFlush.TrySetResult();
            lock (_waits)
            {
                foreach (var (count, wait) in _waits)
                {
                    if (flushes >= count)
                    {
                        wait.TrySetResult();
                    }
                }
            }

            return new(new FlushResult(isCanceled: false, isCompleted: false));
        }
    }

    private sealed class StalledWriter : PipeWriter
    {
        private readonly TaskCompletionSource _flushStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ArrayBufferWriter<byte> Written { get; } = new();

        public Task FlushStarted => _flushStarted.Task;

        public override void Advance(int bytes) => Written.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => Written.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Written.GetSpan(sizeHint);

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            _flushStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new FlushResult(isCanceled: false, isCompleted: false);
        }
    }

    // A transport whose first flush waits until the test opens it (a peer with a full window);
    // later flushes complete at once.
    private sealed class GatedWriter : PipeWriter
    {
        private readonly TaskCompletionSource _flushStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _unflushed;

        public ArrayBufferWriter<byte> Written { get; } = new();

        public Task FlushStarted => _flushStarted.Task;

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _unflushed;

        public void Open() => _open.TrySetResult();

        public override void Advance(int bytes)
        {
            Written.Advance(bytes);
            _unflushed += bytes;
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => Written.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Written.GetSpan(sizeHint);

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            _unflushed = 0;
            if (_open.Task.IsCompleted)
            {
                return new(new FlushResult(isCanceled: false, isCompleted: false));
            }

            _flushStarted.TrySetResult();
            return WaitAsync();

            async ValueTask<FlushResult> WaitAsync()
            {
                await _open.Task;
                return new FlushResult(isCanceled: false, isCompleted: false);
            }
        }
    }
}
