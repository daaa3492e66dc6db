using System.Buffers;
using Msnp.Protocol.Commands;

namespace Msnp.Protocol.Framing;

/// <summary>
/// One complete frame: a command line and, for payload commands, its payload. Both are slices of
/// the buffer that was scanned, valid until the reader advances past <see cref="End"/>.
/// </summary>
public readonly struct MsnpFrame
{
    internal MsnpFrame(CommandCode command, long trId, ReadOnlySequence<byte> line, ReadOnlySequence<byte> payload, bool hasPayload, long length, SequencePosition end)
    {
        Command = command;
        _trId = trId;
        Line = line;
        Payload = payload;
        HasPayload = hasPayload;
        Length = length;
        End = end;
    }

    private readonly long _trId;

    /// <summary>The command code (or error code).</summary>
    public CommandCode Command { get; }

    /// <summary>True when the line carries a transaction id.</summary>
    public bool HasTrId => _trId >= 0;

    /// <summary>The transaction id; only meaningful when <see cref="HasTrId"/> is true.</summary>
    public uint TrId => _trId >= 0 ? (uint)_trId : 0;

    /// <summary>The TrID, or null when the line has none.</summary>
    public uint? TrIdOrNull => _trId >= 0 ? (uint)_trId : null;

    /// <summary>The command line without its CR LF or LF, command code included.</summary>
    public ReadOnlySequence<byte> Line { get; }

    /// <summary>The payload bytes, untouched; empty when the command has none.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>True for a payload command (even one whose payload is 0 bytes long).</summary>
    public bool HasPayload { get; }

    /// <summary>Total bytes of the frame: line, terminator and payload.</summary>
    public long Length { get; }

    /// <summary>The position just after the frame, to pass to <c>PipeReader.AdvanceTo</c>.</summary>
    public SequencePosition End { get; }
}
