using Microsoft.Extensions.Logging;

namespace Msnp.Server.Diagnostics;

/// <summary>
/// The server's operational events, one source-generated method each with a fixed event id, so an
/// operator can filter on them (e.g. 1001 sign-ins). Accounts are client text: callers pass them
/// through <see cref="LogText.Sanitize"/>.
/// </summary>
public static partial class ServerLog
{
    /// <summary>A user completed sign-in on the notification server.</summary>
    [LoggerMessage(EventId = 1001, EventName = "SignedIn", Level = LogLevel.Information, Message = "{Account} signed in from {Remote} with {Dialect}")]
    public static partial void SignedIn(ILogger logger, string account, string remote, string dialect);

    /// <summary>A signed-in user's notification connection ended (OUT, a dropped connection, or a kick).</summary>
    [LoggerMessage(EventId = 1002, EventName = "SignedOut", Level = LogLevel.Information, Message = "{Account} signed out")]
    public static partial void SignedOut(ILogger logger, string account);

    /// <summary>A second sign-in of the same account replaced the first, which was sent <c>OUT OTH</c>.</summary>
    [LoggerMessage(EventId = 1003, EventName = "SignedInElsewhere", Level = LogLevel.Information, Message = "{Account} signed in again from {Remote}; the earlier session was signed out (OUT OTH)")]
    public static partial void SignedInElsewhere(ILogger logger, string account, string remote);

    /// <summary>The server is stopping and signs everyone out (<c>OUT SSD</c>).</summary>
    [LoggerMessage(EventId = 1004, EventName = "ShutdownSignOut", Level = LogLevel.Information, Message = "Server stopping: signing out {Count} users (OUT SSD)")]
    public static partial void ShutdownSignOut(ILogger logger, int count);

    /// <summary>A user opened a switchboard session (<c>USR</c> with an <c>XFR SB</c> cookie).</summary>
    [LoggerMessage(EventId = 1101, EventName = "SwitchboardOpened", Level = LogLevel.Information, Message = "{Account} opened switchboard session {Session}")]
    public static partial void SwitchboardOpened(ILogger logger, string account, string session);

    /// <summary>An invited user joined a switchboard session (<c>ANS</c>).</summary>
    [LoggerMessage(EventId = 1102, EventName = "SwitchboardJoined", Level = LogLevel.Information, Message = "{Account} joined switchboard session {Session}")]
    public static partial void SwitchboardJoined(ILogger logger, string account, string session);

    /// <summary>A participant left a switchboard session (<c>OUT</c> or a dropped connection).</summary>
    [LoggerMessage(EventId = 1103, EventName = "SwitchboardLeft", Level = LogLevel.Information, Message = "{Account} left switchboard session {Session}")]
    public static partial void SwitchboardLeft(ILogger logger, string account, string session);

    /// <summary>An MSNP connection's handler failed with an exception it did not handle; the connection was closed.</summary>
    [LoggerMessage(EventId = 1005, EventName = "ConnectionHandlerFailed", Level = LogLevel.Error, Message = "Connection {Connection} ended with an unhandled exception")]
    public static partial void ConnectionHandlerFailed(ILogger logger, string connection, Exception exception);
}
