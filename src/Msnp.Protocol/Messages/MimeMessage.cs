using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// A <c>MSG</c> payload: ordered header lines, an empty line, then the body bytes. The body is
/// never decoded or normalised here (it may start with CR LF, hold NULs or invalid UTF-8), and
/// headers keep their order, case and duplicates, so parse-then-build gives back the same bytes
/// for any well-formed CR LF message.
/// </summary>
public sealed class MimeMessage
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private ContentType? _contentType;

    /// <summary>Creates a message from headers and a body (the body is referenced, not copied).</summary>
    public MimeMessage(MimeHeaderList headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
        Body = body;
    }

    /// <summary>Creates a message from headers, validating them, and a body.</summary>
    public MimeMessage(IEnumerable<MimeHeader> headers, ReadOnlyMemory<byte> body)
        : this(new MimeHeaderList(headers), body)
    {
    }

    /// <summary>The header lines in wire order.</summary>
    public MimeHeaderList Headers { get; }

    /// <summary>The bytes after the empty line, untouched.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The parsed <c>Content-Type</c> header; <see cref="ContentType.None"/> when it is missing.</summary>
    public ContentType ContentType => _contentType ??= ContentType.Parse(Headers.GetValue("Content-Type"));

    /// <summary>What kind of MSNP message this is, by its content type.</summary>
    public MessageKind Kind => MessageClassifier.Classify(ContentType);

    /// <summary>
    /// Builds the usual shape: <c>MIME-Version: 1.0</c>, <c>Content-Type</c>, any further headers,
    /// then the body.
    /// </summary>
    public static MimeMessage Create(string contentType, ReadOnlyMemory<byte> body, params IEnumerable<MimeHeader> moreHeaders)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(moreHeaders);
        MimeHeader[] first = [new("MIME-Version", "1.0"), new("Content-Type", contentType)];
        return new MimeMessage(new MimeHeaderList(first.Concat(moreHeaders)), body);
    }

    /// <summary>
    /// Parses a payload without copying: the body is a slice of <paramref name="payload"/>, so the
    /// caller must not reuse that memory while the message is alive. Never throws on any input.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out MimeMessage? message, out MimeParseError error) =>
        TryParse(payload, MimeLimits.Default, out message, out error);

    /// <summary>Parses a payload without copying, with explicit limits. Never throws on any input.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> payload, MimeLimits limits, [NotNullWhen(true)] out MimeMessage? message, out MimeParseError error)
    {
        if (!TryParseHeaders(payload.Span, limits, out var headers, out int bodyStart, out error))
        {
            message = null;
            return false;
        }

        message = new MimeMessage(headers, payload[bodyStart..]);
        return true;
    }

    /// <summary>Parses a payload, copying the body so the span's memory may be reused. Never throws on any input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out MimeMessage? message, out MimeParseError error) =>
        TryParse(payload, MimeLimits.Default, out message, out error);

    /// <summary>Parses a payload, copying the body, with explicit limits. Never throws on any input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, MimeLimits limits, [NotNullWhen(true)] out MimeMessage? message, out MimeParseError error)
    {
        if (!TryParseHeaders(payload, limits, out var headers, out int bodyStart, out error))
        {
            message = null;
            return false;
        }

        message = new MimeMessage(headers, payload[bodyStart..].ToArray());
        return true;
    }

    /// <summary>Parses trusted input (samples, tests); throws <see cref="FormatException"/> naming the problem.</summary>
    public static MimeMessage Parse(ReadOnlyMemory<byte> payload) =>
        TryParse(payload, out var message, out var error) ? message : throw new FormatException($"Not a well-formed MIME message: {error}.");

    /// <summary>The number of bytes <see cref="WriteTo"/> writes; the length token of the <c>MSG</c> line.</summary>
    public int GetByteCount()
    {
        int count = Crlf.Length + Body.Length;
        foreach (var h in Headers)
        {
            count += h.Name.Length + 2 + Encoding.UTF8.GetByteCount(h.Value) + 2;
        }

        return count;
    }

    /// <summary>Writes <c>Name: value</c> CR LF for each header, CR LF, then the body.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var h in Headers)
        {
            WriteHeader(output, h);
        }

        output.Write(Crlf);
        output.Write(Body.Span);
    }

    /// <summary>The exact payload bytes.</summary>
    public byte[] ToBytes()
    {
        var writer = new ArrayBufferWriter<byte>(GetByteCount());
        WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The body decoded as UTF-8 (invalid bytes become U+FFFD); for display and logs.</summary>
    public string GetBodyText() => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The payload as text, for logs and debugging.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    internal static void WriteHeader(IBufferWriter<byte> output, MimeHeader header)
    {
        int max = header.Name.Length + 4 + Encoding.UTF8.GetMaxByteCount(header.Value.Length);
        var span = output.GetSpan(max);
        int n = Encoding.ASCII.GetBytes(header.Name, span);
        span[n++] = (byte)':';
        span[n++] = (byte)' ';
        n += Encoding.UTF8.GetBytes(header.Value, span[n..]);
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    private static bool TryParseHeaders(ReadOnlySpan<byte> payload, MimeLimits limits, out MimeHeaderList headers, out int bodyStart, out MimeParseError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        headers = MimeHeaderList.Empty;
        bodyStart = 0;
        var list = new List<MimeHeader>(8);
        int pos = 0;
        while (true)
        {
            if (!MimeSyntax.TryReadLine(payload[pos..], limits.MaxHeaderLineLength, out var line, out int consumed, out error))
            {
                return false;
            }

            pos += consumed;
            if (line.IsEmpty)
            {
                headers = MimeHeaderList.FromTrusted([.. list]);
                bodyStart = pos;
                return true;
            }

            if (list.Count >= limits.MaxHeaders)
            {
                error = MimeParseError.TooManyHeaders;
                return false;
            }

            if (!MimeSyntax.TryParseLine(line, out var header, out error))
            {
                return false;
            }

            list.Add(header);
        }
    }
}
