using System.Buffers;
using System.Text;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Commands;

/// <summary>
/// A decoded command: code, TrID (or none), the parameters as they appear on the wire (a payload
/// command's length token included), and the payload bytes.
/// </summary>
public sealed class MsnpCommand
{
    /// <summary>Creates a command from its parts. Parameters are written verbatim.</summary>
    public MsnpCommand(CommandCode code, uint? trId, IReadOnlyList<string> parameters, ReadOnlyMemory<byte>? payload = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Code = code;
        TrId = trId;
        Parameters = parameters;
        Payload = payload;
    }

    /// <summary>The command or error code.</summary>
    public CommandCode Code { get; }

    /// <summary>The transaction id, or null for a command without one.</summary>
    public uint? TrId { get; }

    /// <summary>The tokens after the code and TrID, exactly as on the wire.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The payload, or null for a command without one.</summary>
    public ReadOnlyMemory<byte>? Payload { get; }

    /// <summary>True when the command is an error reply (three digits in place of the code).</summary>
    public bool IsError => Code.IsError;

    /// <summary>
    /// Makes a payload command: the byte count of <paramref name="payload"/> is appended as the last
    /// parameter, which is where every MSNP2–MSNP9 payload command carries it.
    /// </summary>
    public static MsnpCommand WithPayload(CommandCode code, uint? trId, IReadOnlyList<string> parametersBeforeLength, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(parametersBeforeLength);
        var all = new string[parametersBeforeLength.Count + 1];
        for (int i = 0; i < parametersBeforeLength.Count; i++)
        {
            all[i] = parametersBeforeLength[i];
        }

        all[^1] = payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new MsnpCommand(code, trId, all, payload);
    }

    /// <summary>
    /// Decodes a framed command into an object: tokens become UTF-8 strings and the payload is copied.
    /// Fails with <see cref="FramingError.TooManyTokens"/> when the line has more tokens than allowed.
    /// </summary>
    public static bool TryDecode(in MsnpFrame frame, FramingLimits limits, out MsnpCommand? command, out FramingViolation violation)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (frame.Line.IsSingleSegment)
        {
            return TryDecode(frame, frame.Line.FirstSpan, limits, out command, out violation);
        }

        var line = frame.Line.ToArray();
        return TryDecode(frame, line, limits, out command, out violation);
    }

    /// <summary>Decodes a framed command with the default limits; throws <see cref="MsnpProtocolException"/> on a violation.</summary>
    public static MsnpCommand Decode(in MsnpFrame frame) =>
        TryDecode(frame, FramingLimits.Default, out var command, out var violation) ? command! : throw new MsnpProtocolException(violation);

    private static bool TryDecode(in MsnpFrame frame, ReadOnlySpan<byte> line, FramingLimits limits, out MsnpCommand? command, out FramingViolation violation)
    {
        int count = 0;
        foreach (var _ in new LineTokens(line))
        {
            if (++count > limits.MaxTokens)
            {
                command = null;
                violation = FramingViolation.Disconnect(FramingError.TooManyTokens);
                return false;
            }
        }

        int skip = frame.HasTrId ? 2 : 1;
        var parameters = count > skip ? new string[count - skip] : [];
        int index = 0;
        foreach (var token in new LineTokens(line))
        {
            if (index >= skip)
            {
                parameters[index - skip] = Encoding.UTF8.GetString(token);
            }

            index++;
        }

        // Not a conditional expression: its null would convert through byte[] to an empty, non-null ReadOnlyMemory.
        ReadOnlyMemory<byte>? payload = null;
        if (frame.HasPayload)
        {
            payload = frame.Payload.ToArray();
        }

        command = new MsnpCommand(frame.Command, frame.TrIdOrNull, parameters, payload);
        violation = default;
        return true;
    }

    /// <summary>Writes the exact wire bytes of the command.</summary>
    public void WriteTo(IBufferWriter<byte> output) => MsnpWriter.Write(output, this);

    /// <summary>The wire bytes of the command.</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The command line as text, without CR LF or payload.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Code.ToString());
        if (TrId is { } t)
        {
            sb.Append(' ').Append(t);
        }

        foreach (var p in Parameters)
        {
            sb.Append(' ').Append(p);
        }

        return sb.ToString();
    }
}
