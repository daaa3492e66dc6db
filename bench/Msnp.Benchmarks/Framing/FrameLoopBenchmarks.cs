using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Msnp.Benchmarks.Reporting;
using Msnp.Benchmarks.Traffic;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Benchmarks.Framing;

/// <summary>
/// The shared read loop (<see cref="FrameLoop"/>) against the hand-written loop each caller had
/// before, both reading the generated client → server stream (1,000 distinct frames, ten passes)
/// from a real <see cref="Pipe"/> fed in 4 KiB writes. The pipe runs its reader inline on the
/// writer's flush, so both loops run on the benchmark thread and the pipe's copy is in both figures.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerFrameConfig))]
public class FrameLoopBenchmarks
{
    private const int WriteSize = 4096;

    private byte[] _bytes = null!;
    private int _passes;
    private Counter _counter = null!;

    /// <summary>Builds the stream and checks both loops see every frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var stream = TrafficStreams.Get(TrafficDirection.ClientToServer, TrafficStreams.SmallStream);
        _bytes = stream.Bytes;
        _passes = TrafficStreams.FramesPerInvocation / TrafficStreams.SmallStream;
        _counter = new Counter(new FrameScanner(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer)));
        Check(nameof(SharedLoop), SharedLoop());
        Check(nameof(HandWrittenLoop), HandWrittenLoop());
    }

    /// <summary><see cref="FrameLoop.RunAsync{THandler}"/> with a struct handler.</summary>
    [Benchmark(OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public long SharedLoop() => Feed(pipe => FrameLoop.RunAsync(pipe.Reader, new Frames(_counter), CancellationToken.None).AsTask());

    /// <summary>The loop as the server had it: scanner and handler through an interface, the handler awaited in place.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public long HandWrittenLoop() => Feed(pipe => HandWrittenAsync(pipe.Reader, _counter));

    private static async Task HandWrittenAsync(PipeReader input, IHandler handler)
    {
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (handler.Scanner.TryRead(buffer, out var frame, out _) == ScanStatus.Complete)
                {
                    await handler.HandleAsync(frame).ConfigureAwait(false);
                    buffer = buffer.Slice(frame.End);
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private long Feed(Func<Pipe, Task> loop)
    {
        _counter.Frames = 0;
        for (int pass = 0; pass < _passes; pass++)
        {
            var pipe = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false, pauseWriterThreshold: 0));
            var reading = loop(pipe);
            for (int at = 0; at < _bytes.Length; at += WriteSize)
            {
                // Inline scheduling: the flush runs the reader and returns completed.
                var flushed = pipe.Writer.WriteAsync(_bytes.AsMemory(at, Math.Min(WriteSize, _bytes.Length - at)));
                flushed.GetAwaiter().GetResult();
            }

            pipe.Writer.Complete();
            reading.GetAwaiter().GetResult();
        }

        return _counter.Frames;
    }

    private void Check(string benchmark, long frames)
    {
        if (frames != TrafficStreams.FramesPerInvocation)
        {
            throw new InvalidOperationException($"{benchmark} handled {frames} frames, expected {TrafficStreams.FramesPerInvocation}.");
        }
    }

    private interface IHandler
    {
        FrameScanner Scanner { get; }

        ValueTask HandleAsync(MsnpFrame frame);
    }

    private sealed class Counter(FrameScanner scanner) : IHandler
    {
        public long Frames { get; set; }

        public FrameScanner Scanner => scanner;

        public ValueTask HandleAsync(MsnpFrame frame)
        {
            Frames++;
            return ValueTask.CompletedTask;
        }
    }

    private readonly struct Frames(Counter counter) : IFrameHandler
    {
        public FrameScanner Scanner => counter.Scanner;

        public ValueTask<bool> OnFrameAsync(MsnpFrame frame)
        {
            var handled = counter.HandleAsync(frame);
            handled.GetAwaiter().GetResult();
            return new(true);
        }

        public void OnConsumed(long bytes)
        {
        }
    }
}
