using Msnp.Protocol.Commands;

namespace Msnp.Client.Connections;

/// <summary>A received command discarded because the inbound queue was full.</summary>
public sealed class InboundCommandDroppedEventArgs(MsnpCommand command) : EventArgs
{
    /// <summary>The command that was dropped.</summary>
    public MsnpCommand Command { get; } = command;
}
