using System.Buffers;
using Msnp.Protocol.Commands;

namespace Msnp.Protocol.Dialects;

// Group replies with group numbers, MSNP7–9 (catalogue §3.3). The trailing 0 is an unused field that is always 0.
// MSNP10+ names groups by GUID: see DialectWriter.Guids.cs.
public abstract partial class DialectWriter
{
    /// <summary><c>ADG TrID ver name id 0</c>: a group was created.</summary>
    public virtual void WriteGroupAdded(IBufferWriter<byte> output, uint trId, uint version, string name, int groupId)
    {
        Require(Dialect.HasGroups && !Dialect.HasGuids, "ADG with a group number");
        ArgumentOutOfRangeException.ThrowIfNegative(groupId);
        var line = Line(output, CommandCodes.Adg, trId);
        line.Number(version);
        line.Token(name);
        line.Number(groupId);
        line.Token("0"u8);
        line.End();
    }

    /// <summary><c>RMG TrID ver id</c>: a group was removed.</summary>
    public virtual void WriteGroupRemoved(IBufferWriter<byte> output, uint trId, uint version, int groupId)
    {
        Require(Dialect.HasGroups && !Dialect.HasGuids, "RMG with a group number");
        ArgumentOutOfRangeException.ThrowIfNegative(groupId);
        var line = Line(output, CommandCodes.Rmg, trId);
        line.Number(version);
        line.Number(groupId);
        line.End();
    }

    /// <summary><c>REG TrID ver id name 0</c>: a group was renamed.</summary>
    public virtual void WriteGroupRenamed(IBufferWriter<byte> output, uint trId, uint version, int groupId, string name)
    {
        Require(Dialect.HasGroups && !Dialect.HasGuids, "REG with a group number");
        ArgumentOutOfRangeException.ThrowIfNegative(groupId);
        var line = Line(output, CommandCodes.Reg, trId);
        line.Number(version);
        line.Number(groupId);
        line.Token(name);
        line.Token("0"u8);
        line.End();
    }
}
