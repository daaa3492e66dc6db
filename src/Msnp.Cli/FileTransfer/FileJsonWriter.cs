using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Msnp.Cli.FileTransfer;

/// <summary>Formats a transferred file as one JSON line: <c>{"from","name","path","size","sha256"}</c> or, sending, <c>{"to",…}</c>.</summary>
internal static class FileJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(string peerKey, string peer, string name, string? path, long size, string sha256, double seconds, string? method = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString(peerKey, peer);
            json.WriteString("name", name);
            if (path is not null)
            {
                json.WriteString("path", path);
            }

            json.WriteNumber("size", size);
            json.WriteString("sha256", sha256);
            json.WriteNumber("seconds", Math.Round(seconds, 3));
            if (method is not null)
            {
                json.WriteString("method", method);
            }
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
