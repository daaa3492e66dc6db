using System.Buffers;
using System.Globalization;
using System.Text;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>
/// One formatter call and the exact lines it must write. In <see cref="Lines"/> a token written
/// as <c>#5</c> is the TrID 5: the wire text drops the <c>#</c>, and the framing check expects
/// the scanner to read that token as the TrID (and no TrID on a line without one).
/// </summary>
public sealed record WireCase(string Name, MsnpDialect Dialect, Action<DialectWriter, IBufferWriter<byte>> Write, string[] Lines, string? Payload = null)
{
    /// <summary>The exact text expected on the wire: CR LF after each line, then the payload.</summary>
    public string WireText =>
        string.Concat(Lines.Select(l => l.Replace(" #", " ", StringComparison.Ordinal) + "\r\n")) + Payload;

    /// <summary>The frames a client should read back.</summary>
    public IReadOnlyList<ExpectedFrame> Frames => Lines.Select((l, i) => ExpectedFrame.Parse(l, i == Lines.Length - 1 ? Payload : null)).ToArray();

    /// <summary>Runs the formatter for the case's dialect.</summary>
    public byte[] Run()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(DialectWriter.For(Dialect), buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>What one framed line must decode to.</summary>
public sealed record ExpectedFrame(string Code, uint? TrId, string[] Parameters, string? Payload)
{
    /// <summary>Reads a markup line (see <see cref="WireCase"/>).</summary>
    public static ExpectedFrame Parse(string line, string? payload)
    {
        var tokens = line.Split(' ');
        if (tokens.Length > 1 && tokens[1].StartsWith('#'))
        {
            return new ExpectedFrame(tokens[0], uint.Parse(tokens[1][1..], CultureInfo.InvariantCulture), tokens[2..], payload);
        }

        return new ExpectedFrame(tokens[0], null, tokens[1..], payload);
    }

    /// <summary>The payload's bytes, or null.</summary>
    public byte[]? PayloadBytes => Payload is null ? null : Encoding.UTF8.GetBytes(Payload);
}
