namespace Msnp.Server.Presence.Notifications;

/// <summary>Someone removed the user from their forward list: <c>REM 0 RL</c>.</summary>
/// <param name="Account">Who removed the user.</param>
/// <param name="ListVersion">The user's list version after the change.</param>
public sealed record ReverseListRemovedNotification(string Account, uint ListVersion) : EndpointNotification;
