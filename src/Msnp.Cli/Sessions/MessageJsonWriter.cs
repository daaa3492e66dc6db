using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Msnp.Cli.Sessions;

/// <summary>
/// Formats a received text message as one JSON line: <c>{"from","text","contentType"}</c>; an offline
/// message adds <c>"offline":true</c> and <c>"sentAt"</c> (ISO 8601, UTC).
/// </summary>
internal sealed class MessageJsonWriter
{
    // Relaxed escaping keeps non-ASCII text readable in a terminal; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _json;

    public MessageJsonWriter() => _json = new Utf8JsonWriter(_buffer, Options);

    /// <summary>The JSON object for one message, without the line end.</summary>
    public string Format(string from, string text, string contentType) => Format(from, text, contentType, null);

    /// <summary>The JSON object for one offline message, without the line end.</summary>
    public string FormatOffline(string from, string text, DateTimeOffset sentAt) => Format(from, text, "text/plain; charset=UTF-8", sentAt);

    private string Format(string from, string text, string contentType, DateTimeOffset? sentAt)
    {
        _buffer.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("from", from);
        _json.WriteString("text", text);
        _json.WriteString("contentType", contentType);
        if (sentAt is { } at)
        {
            _json.WriteBoolean("offline", true);
            _json.WriteString("sentAt", at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        _json.WriteEndObject();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
