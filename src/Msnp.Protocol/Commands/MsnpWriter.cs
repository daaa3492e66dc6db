using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Msnp.Protocol.Errors;

namespace Msnp.Protocol.Commands;

/// <summary>
/// Writes exact MSNP wire bytes into an <see cref="IBufferWriter{T}"/>: single spaces between
/// tokens, CR LF after the line, a payload length counted in bytes. Tokens that are empty or hold
/// a space, tab, CR or LF are refused, so a caller can never inject a second command.
/// </summary>
public static class MsnpWriter
{
    private const string TokenRule = "An MSNP token must be non-empty and hold no space, tab, CR or LF; URL-encode it first.";
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(" \t\r\n"u8);
    private static readonly SearchValues<char> ForbiddenChars = SearchValues.Create(" \t\r\n");

    /// <summary>Writes a command line without payload.</summary>
    public static void WriteLine(IBufferWriter<byte> output, CommandCode code, uint? trId, params ReadOnlySpan<string> parameters)
    {
        ValidateTokens(parameters);
        var line = new LineWriter(output, code, trId);
        foreach (var p in parameters)
        {
            line.Token(p);
        }

        line.End();
    }

    /// <summary>Writes a payload command: the parameters, then the payload's byte count, CR LF and the payload.</summary>
    public static void WritePayloadCommand(IBufferWriter<byte> output, CommandCode code, uint? trId, ReadOnlySpan<string> parametersBeforeLength, ReadOnlySpan<byte> payload)
    {
        ValidateTokens(parametersBeforeLength);
        var line = new LineWriter(output, code, trId);
        foreach (var p in parametersBeforeLength)
        {
            line.Token(p);
        }

        line.Number(payload.Length);
        line.End();
        output.Write(payload);
    }

    /// <summary>Writes an error reply: <c>code TrID</c>.</summary>
    public static void WriteError(IBufferWriter<byte> output, MsnpErrorCode error, uint trId) =>
        new LineWriter(output, CommandCode.FromError((int)error), trId).End();

    /// <summary>Writes a command object. A payload command's parameters must already end with its length, as decoded.</summary>
    public static void Write(IBufferWriter<byte> output, MsnpCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var p in command.Parameters)
        {
            ValidateToken(p);
        }

        var line = new LineWriter(output, command.Code, command.TrId);
        foreach (var p in command.Parameters)
        {
            line.Token(p);
        }

        line.End();
        if (command.Payload is { } payload)
        {
            output.Write(payload.Span);
        }
    }

    // Tokens are checked before anything is written, so a refused command leaves no half line in the output.
    private static void ValidateTokens(ReadOnlySpan<string> tokens)
    {
        foreach (var token in tokens)
        {
            ValidateToken(token);
        }
    }

    // Same rule as LineWriter's byte check: UTF-8 encodes these four characters, and only them, as the forbidden bytes.
    private static void ValidateToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0 || token.AsSpan().IndexOfAny(ForbiddenChars) >= 0)
        {
            throw new ArgumentException(TokenRule, nameof(token));
        }
    }

    /// <summary>
    /// Builds one command line token by token, straight into the output buffer. A refused token
    /// throws with the line unfinished; the static helpers check all tokens first.
    /// </summary>
    public ref struct LineWriter
    {
        private readonly IBufferWriter<byte> _output;

        /// <summary>Starts a line with its code and, when given, its TrID.</summary>
        public LineWriter(IBufferWriter<byte> output, CommandCode code, uint? trId)
        {
            ArgumentNullException.ThrowIfNull(output);
            if (!code.IsValid)
            {
                throw new ArgumentException("A command code is required.", nameof(code));
            }

            _output = output;
            var span = output.GetSpan(3);
            code.CopyTo(span);
            output.Advance(3);
            if (trId is { } t)
            {
                Number(t);
            }
        }

        /// <summary>Appends a text token, encoded as UTF-8.</summary>
        public readonly void Token(string token)
        {
            ArgumentNullException.ThrowIfNull(token);
            int max = Encoding.UTF8.GetMaxByteCount(token.Length) + 1;
            var span = _output.GetSpan(max);
            span[0] = (byte)' ';
            int n = Encoding.UTF8.GetBytes(token, span[1..]);
            Validate(span.Slice(1, n));
            _output.Advance(n + 1);
        }

        /// <summary>Appends a token given as bytes.</summary>
        public readonly void Token(ReadOnlySpan<byte> token)
        {
            Validate(token);
            var span = _output.GetSpan(token.Length + 1);
            span[0] = (byte)' ';
            token.CopyTo(span[1..]);
            _output.Advance(token.Length + 1);
        }

        /// <summary>Appends a decimal number token.</summary>
        public readonly void Number(long value)
        {
            var span = _output.GetSpan(21);
            span[0] = (byte)' ';
            Utf8Formatter.TryFormat(value, span[1..], out int n);
            _output.Advance(n + 1);
        }

        /// <summary>Ends the line with CR LF.</summary>
        public readonly void End()
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)'\r';
            span[1] = (byte)'\n';
            _output.Advance(2);
        }

        private static void Validate(ReadOnlySpan<byte> token)
        {
            if (token.IsEmpty || token.IndexOfAny(Forbidden) >= 0)
            {
                throw new ArgumentException(TokenRule, nameof(token));
            }
        }
    }
}
