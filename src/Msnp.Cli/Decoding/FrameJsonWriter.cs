using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Msnp.Protocol.Commands;

namespace Msnp.Cli.Decoding;

/// <summary>
/// Writes one JSON object per line (JSON Lines): a decoded command as
/// <c>{"command","trid","params","payload"}</c> in that order, or an error as <c>{"error","offset"}</c>.
/// </summary>
internal sealed class FrameJsonWriter
{
    // Relaxed escaping keeps non-ASCII names readable in a terminal; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter _json;

    public FrameJsonWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, Options);
    }

    public void WriteCommand(MsnpCommand command)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("command", command.Code.ToString());
        if (command.TrId is { } trId)
        {
            _json.WriteNumber("trid", trId);
        }
        else
        {
            _json.WriteNull("trid");
        }

        _json.WriteStartArray("params");
        foreach (var parameter in command.Parameters)
        {
            _json.WriteStringValue(parameter);
        }

        _json.WriteEndArray();
        if (command.Payload is { } payload)
        {
            _json.WriteBase64String("payload", payload.Span);
        }
        else
        {
            _json.WriteNull("payload");
        }

        P2PJsonWriter.WriteIfPresent(_json, command);
        XmlPayloadJsonWriter.WriteIfPresent(_json, command);
        _json.WriteEndObject();
        EndLine();
    }

    public void WriteError(string reason, long offset)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("error", reason);
        _json.WriteNumber("offset", offset);
        _json.WriteEndObject();
        EndLine();
    }

    private void EndLine()
    {
        _json.Flush();
        _output.GetSpan(1)[0] = (byte)'\n';
        _output.Advance(1);
    }
}
