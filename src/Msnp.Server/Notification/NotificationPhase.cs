namespace Msnp.Server.Notification;

/// <summary>Where a notification connection is in its life.</summary>
public enum NotificationPhase
{
    /// <summary>Lock-step login: VER, INF/CVR, USR … I.</summary>
    LoggingIn,

    /// <summary>The server sent its authentication challenge and waits for <c>USR … S</c>.</summary>
    Authenticating,

    /// <summary>Signed in; commands may be pipelined.</summary>
    SignedIn,
}
