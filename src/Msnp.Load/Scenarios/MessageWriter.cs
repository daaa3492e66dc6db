using System.Buffers;
using System.Buffers.Text;
using Msnp.Load.Net;

namespace Msnp.Load.Scenarios;

/// <summary>Writes <c>MSG TrID ack len</c> plus a stamped body straight into a pipe, without allocating.</summary>
public sealed class MessageWriter
{
    private readonly byte[] _template;
    private readonly byte _ack;

    /// <summary>Prepares messages of <paramref name="size"/> body bytes with acknowledgement letter <paramref name="ack"/>.</summary>
    public MessageWriter(int size, char ack)
    {
        _template = MessagePayload.CreateTemplate(size);
        _ack = (byte)ack;
    }

    /// <summary>The next transaction id.</summary>
    public uint TrId { get; private set; } = 10;

    /// <summary>Writes one message; returns its transaction id.</summary>
    public uint Write(IBufferWriter<byte> writer, long sequence, long timestamp) => Write(writer, sequence, timestamp, _ack);

    /// <summary>Writes the end marker, always unacknowledged so the sender need not wait for it.</summary>
    public void WriteEnd(IBufferWriter<byte> writer, long timestamp) => Write(writer, MessagePayload.EndMarker, timestamp, (byte)'U');

    private uint Write(IBufferWriter<byte> writer, long sequence, long timestamp, byte ack)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var trId = TrId++;
        var span = writer.GetSpan(32 + _template.Length);
        "MSG "u8.CopyTo(span);
        var at = 4;
        Utf8Formatter.TryFormat(trId, span[at..], out var n);
        at += n;
        span[at++] = (byte)' ';
        span[at++] = ack;
        span[at++] = (byte)' ';
        Utf8Formatter.TryFormat(_template.Length, span[at..], out n);
        at += n;
        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        var body = span.Slice(at, _template.Length);
        _template.CopyTo(body);
        MessagePayload.Stamp(body, sequence, timestamp);
        writer.Advance(at + _template.Length);
        return trId;
    }
}
