using Msnp.Protocol.Commands;

namespace Msnp.Client.Connections;

/// <summary>A handler threw while the client processed a received command (or the end of the connection).</summary>
public sealed class HandlerFailedEventArgs(MsnpCommand? command, Exception error) : EventArgs
{
    /// <summary>The command being processed, or null when the failing handler was a <c>Disconnected</c> handler.</summary>
    public MsnpCommand? Command { get; } = command;

    /// <summary>What the handler threw.</summary>
    public Exception Error { get; } = error;
}
