using Msnp.Protocol.Messages;

namespace Msnp.Client.Events;

/// <summary>A system notice (<c>application/x-msmsgssystemmessage</c>).</summary>
public sealed class SystemMessageEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public SystemMessageEventArgs(SystemMessage message) => Message = message ?? throw new ArgumentNullException(nameof(message));

    /// <summary>The notice; <see cref="SystemMessage.MinutesUntilMaintenance"/> reads a maintenance warning.</summary>
    public SystemMessage Message { get; }
}
