namespace Msnp.Server.Presence.Notifications;

/// <summary>A contact went offline or hidden, or stopped allowing the viewer: <c>FLN</c>.</summary>
/// <param name="Account">The contact.</param>
public sealed record OfflineNotification(string Account) : EndpointNotification;
