using System.Buffers;

namespace Msnp.Benchmarks.Traffic;

/// <summary>A generated stream: the frames as writer input, their wire bytes, and how many of each kind.</summary>
public sealed class TrafficStream
{
    internal TrafficStream(TrafficDirection direction, TrafficFrame[] frames, IReadOnlyList<KeyValuePair<string, int>> kinds)
    {
        Direction = direction;
        Frames = frames;
        Kinds = kinds;
        var output = new ArrayBufferWriter<byte>();
        WriteTo(output);
        Bytes = output.WrittenSpan.ToArray();
    }

    /// <summary>Who wrote the stream.</summary>
    public TrafficDirection Direction { get; }

    /// <summary>The frames, in stream order (an array, so replaying them allocates no enumerator).</summary>
    public TrafficFrame[] Frames { get; }

    /// <summary>The wire bytes of all frames.</summary>
    public byte[] Bytes { get; }

    /// <summary>Frames per kind (command, or command and ack mode), in mix order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Kinds { get; }

    /// <summary>Mean bytes per frame, payload included.</summary>
    public double BytesPerFrame => (double)Bytes.Length / Frames.Length;

    /// <summary>Writes every frame with <see cref="Msnp.Protocol.Commands.MsnpWriter"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        var frames = Frames;
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i].WriteTo(output);
        }
    }
}
