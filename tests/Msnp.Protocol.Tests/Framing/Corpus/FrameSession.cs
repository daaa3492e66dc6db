using System.Globalization;
using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Framing.Corpus;

/// <summary>An ordered run of frames in one dialect and direction, as one side of a connection sends them.</summary>
internal sealed class FrameSession(string name, MsnpDialect dialect, FrameDirection direction)
{
    private readonly List<FrameSample> _frames = [];

    public string Name { get; } = name;

    public MsnpDialect Dialect { get; } = dialect;

    public FrameDirection Direction { get; } = direction;

    public IReadOnlyList<FrameSample> Frames => _frames;

    /// <summary>All frames back to back, as one stream.</summary>
    public byte[] Wire => [.. _frames.SelectMany(f => f.Wire)];

    public FrameSession Line(string line, uint? trId)
    {
        _frames.Add(new FrameSample($"{Name} #{_frames.Count + 1:00}: {Shorten(line)}", Dialect, Direction, line, trId, null));
        return this;
    }

    /// <summary>A payload command; <c>{len}</c> in the line is replaced by the payload's byte count.</summary>
    public FrameSession Payload(string line, uint? trId, string payload) => Payload(line, trId, Encoding.UTF8.GetBytes(payload));

    public FrameSession Payload(string line, uint? trId, byte[] payload)
    {
        var text = line.Replace("{len}", payload.Length.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        _frames.Add(new FrameSample($"{Name} #{_frames.Count + 1:00}: {Shorten(text)}", Dialect, Direction, text, trId, payload));
        return this;
    }

    public override string ToString() => Name;

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
