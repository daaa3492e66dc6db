using System.Buffers;
using BenchmarkDotNet.Attributes;
using Msnp.Benchmarks.Reporting;
using Msnp.Benchmarks.Traffic;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Benchmarks.Framing;

/// <summary>
/// Framing, decoding and writing over a generated MSNP8 stream. Every invocation handles
/// <see cref="TrafficStreams.FramesPerInvocation"/> frames (the small stream is gone through ten
/// times), so the reported times are per frame.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerFrameConfig))]
public class FramingBenchmarks
{
    private const int PipeSegmentSize = 4096;

    private TrafficStream _stream = null!;
    private int _passes;
    private FrameScanner _scanner = null!;
    private FramingLimits _limits = null!;
    private ReadOnlySequence<byte> _singleSegment;
    private ReadOnlySequence<byte> _segments4K;
    private ArrayBufferWriter<byte> _output = null!;

    /// <summary>Which stream to read or write.</summary>
    [Params(TrafficDirection.ServerToClient, TrafficDirection.ClientToServer)]
    public TrafficDirection Stream { get; set; }

    /// <summary>Frames in the stream: the large one does not fit in L2, the small one does.</summary>
    [Params(TrafficStreams.LargeStream, TrafficStreams.SmallStream)]
    public int DistinctFrames { get; set; }

    /// <summary>Builds the stream's views once, then checks every benchmark handles every frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _stream = TrafficStreams.Get(Stream, DistinctFrames);
        _passes = TrafficStreams.FramesPerInvocation / DistinctFrames;
        var direction = Stream == TrafficDirection.ServerToClient ? FrameDirection.ServerToClient : FrameDirection.ClientToServer;
        var table = CommandTable.For(MsnpDialect.Msnp8, direction);
        _scanner = new FrameScanner(table);
        _limits = table.Limits;
        _singleSegment = SegmentedSequence.Create(_stream.Bytes, _stream.Bytes.Length);
        _segments4K = SegmentedSequence.Create(_stream.Bytes, PipeSegmentSize);
        _output = new ArrayBufferWriter<byte>(_stream.Bytes.Length);
        Verify();
    }

    /// <summary>(a) What a PipeReader loop does with one contiguous buffer: read a frame, slice to its End.</summary>
    [Benchmark(OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public int ScanSequence()
    {
        int frames = 0;
        for (int pass = 0; pass < _passes; pass++)
        {
            frames += Scan(_singleSegment);
        }

        return frames;
    }

    /// <summary>(b) The span API, advancing by the layout's total length.</summary>
    [Benchmark(OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public int ScanSpan()
    {
        int frames = 0;
        for (int pass = 0; pass < _passes; pass++)
        {
            var buffer = new ReadOnlySpan<byte>(_stream.Bytes);
            while (_scanner.TryRead(buffer, out var layout, out _) == ScanStatus.Complete)
            {
                buffer = buffer[layout.TotalLength..];
                frames++;
            }
        }

        return frames;
    }

    /// <summary>(c) The sequence loop over 4 KiB segments, as a pipe's buffers arrive.</summary>
    [Benchmark(OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public int ScanSegments4K()
    {
        int frames = 0;
        for (int pass = 0; pass < _passes; pass++)
        {
            frames += Scan(_segments4K);
        }

        return frames;
    }

    /// <summary>(d) Scan plus <see cref="MsnpCommand.TryDecode"/> of every frame into a command object.</summary>
    [Benchmark(OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public int ScanAndDecode()
    {
        int parameters = 0;
        for (int pass = 0; pass < _passes; pass++)
        {
            var buffer = _singleSegment;
            while (_scanner.TryRead(buffer, out var frame, out _) == ScanStatus.Complete)
            {
                if (!MsnpCommand.TryDecode(frame, _limits, out var command, out var violation))
                {
                    throw new InvalidOperationException($"Decoding failed: {violation}.");
                }

                parameters += command!.Parameters.Count;
                buffer = buffer.Slice(frame.End);
            }
        }

        return parameters;
    }

    /// <summary>(e) Writing every frame with <see cref="MsnpWriter"/> into a buffer reset before each pass.</summary>
    [Benchmark(OperationsPerInvoke = TrafficStreams.FramesPerInvocation)]
    public int Write()
    {
        int written = 0;
        for (int pass = 0; pass < _passes; pass++)
        {
            _output.ResetWrittenCount();
            _stream.WriteTo(_output);
            written += _output.WrittenCount;
        }

        return written;
    }

    private int Scan(ReadOnlySequence<byte> buffer)
    {
        int frames = 0;
        while (_scanner.TryRead(buffer, out var frame, out _) == ScanStatus.Complete)
        {
            buffer = buffer.Slice(frame.End);
            frames++;
        }

        return frames;
    }

    // A benchmark that stopped early (a violation, a NeedMoreData) would look fast; refuse to run.
    private void Verify()
    {
        int expectedParameters = _stream.Frames.Sum(f => f.Parameters.Length + (f.Payload is null ? 0 : 1));
        Check(nameof(ScanSequence), ScanSequence(), TrafficStreams.FramesPerInvocation);
        Check(nameof(ScanSpan), ScanSpan(), TrafficStreams.FramesPerInvocation);
        Check(nameof(ScanSegments4K), ScanSegments4K(), TrafficStreams.FramesPerInvocation);
        Check(nameof(ScanAndDecode), ScanAndDecode(), expectedParameters * _passes);
        Check(nameof(Write), Write(), _stream.Bytes.Length * _passes);
        if (!_output.WrittenSpan.SequenceEqual(_stream.Bytes))
        {
            throw new InvalidOperationException("Write produced different bytes from the generated stream.");
        }
    }

    private static void Check(string benchmark, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{benchmark} returned {actual}, expected {expected}.");
        }
    }
}
