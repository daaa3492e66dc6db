using Microsoft.Extensions.Logging;

namespace Msnp.Client.Connections;

/// <summary>The client's log messages, with stable event ids.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Dialect} connection ended: {Reason}")]
    public static partial void ConnectionEnded(ILogger logger, string dialect, DisconnectReason reason, Exception? error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "A handler for {Command} threw")]
    public static partial void HandlerFailed(ILogger logger, string command, Exception error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Inbound queue full: dropped {Command}")]
    public static partial void CommandDropped(ILogger logger, string command);
}
