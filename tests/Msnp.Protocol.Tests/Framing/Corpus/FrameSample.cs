using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing.Corpus;

/// <summary>
/// One documented frame and what reading it must give. The line is written with single spaces,
/// so the expected parameters are simply its space-separated tokens after the code and TrID.
/// </summary>
internal sealed record FrameSample(string Name, MsnpDialect Dialect, FrameDirection Direction, string LineText, uint? TrId, byte[]? Payload)
{
    public byte[] Line => Encoding.UTF8.GetBytes(LineText);

    /// <summary>The bytes on the wire: line, CR LF, payload (with no newline after it).</summary>
    public byte[] Wire => [.. Line, (byte)'\r', (byte)'\n', .. Payload ?? []];

    public string Code => LineText[..3];

    public string[] Parameters => LineText.Split(' ')[(TrId is null ? 1 : 2)..];

    public Scanned Expected => Scanned.Complete(Code, TrId, Line, Payload, Wire.Length);

    public FrameScanner Scanner() => new(CommandTable.For(Dialect, Direction));

    public override string ToString() => Name;
}
