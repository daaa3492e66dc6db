using System.Buffers;
using Msnp.Protocol.Commands;

namespace Msnp.Benchmarks.Traffic;

/// <summary>One generated command, kept as writer input so the write benchmark replays the same stream.</summary>
/// <param name="Code">The command code.</param>
/// <param name="TrId">The TrID, or null.</param>
/// <param name="Parameters">The parameters; for a payload command, those before the length.</param>
/// <param name="Payload">The payload, or null for a line command.</param>
public sealed record TrafficFrame(CommandCode Code, uint? TrId, string[] Parameters, byte[]? Payload)
{
    /// <summary>Writes the frame's wire bytes.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        if (Payload is null)
        {
            MsnpWriter.WriteLine(output, Code, TrId, Parameters);
        }
        else
        {
            MsnpWriter.WritePayloadCommand(output, Code, TrId, Parameters, Payload);
        }
    }
}
