using System.Buffers;
using System.IO.Pipelines;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;

namespace Msnp.Cli.Decoding;

/// <summary>
/// Frames a raw MSNP byte stream and writes each frame as a JSON line. Input is read through a
/// <see cref="PipeReader"/> and consumed frame by frame, so memory stays bounded by the framing
/// limits (one line plus one payload), whatever the size of the input.
/// </summary>
internal sealed class StreamDecoder
{
    /// <summary>The reason printed when the input ends inside a frame.</summary>
    public const string TruncatedFrame = "truncated frame";

    private readonly FrameScanner _scanner;
    private readonly FramingLimits _limits;

    public StreamDecoder(CommandTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _scanner = new FrameScanner(table);
        _limits = table.Limits;
    }

    /// <summary>
    /// Decodes <paramref name="input"/> to the end and writes JSON lines to <paramref name="output"/>.
    /// Returns <see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.InvalidInput"/> after writing
    /// an error line for a framing violation or a truncated last frame.
    /// </summary>
    public async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true));
        var lines = new ArrayBufferWriter<byte>(4096);
        var json = new FrameJsonWriter(lines);
        long offset = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var failed = DecodeFrames(buffer, json, ref offset, out var consumed);
                if (!failed && result.IsCompleted && !buffer.Slice(consumed).IsEmpty)
                {
                    json.WriteError(TruncatedFrame, offset);
                    failed = true;
                }

                await output.WriteAsync(lines.WrittenMemory, cancellationToken).ConfigureAwait(false);
                lines.ResetWrittenCount();
                if (failed)
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }

                if (result.IsCompleted)
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                reader.AdvanceTo(consumed, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    // Writes every complete frame at the start of the buffer; true when a violation was written.
    private bool DecodeFrames(ReadOnlySequence<byte> buffer, FrameJsonWriter json, ref long offset, out SequencePosition consumed)
    {
        consumed = buffer.Start;
        var remaining = buffer;
        while (true)
        {
            var status = _scanner.TryRead(remaining, out var frame, out var violation);
            if (status == ScanStatus.NeedMoreData)
            {
                return false;
            }

            if (status == ScanStatus.Violation || !MsnpCommand.TryDecode(frame, _limits, out var command, out violation))
            {
                json.WriteError(violation.Describe(), offset);
                return true;
            }

            json.WriteCommand(command!);
            offset += frame.Length;
            consumed = frame.End;
            remaining = remaining.Slice(frame.End);
        }
    }
}
