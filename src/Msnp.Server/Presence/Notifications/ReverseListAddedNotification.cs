namespace Msnp.Server.Presence.Notifications;

/// <summary>Someone added the user to their forward list: <c>ADD 0 RL</c> (<c>ADC 0 RL</c> from MSNP10).</summary>
/// <param name="Account">Who added the user.</param>
/// <param name="FriendlyName">Their friendly name, URL-encoded.</param>
/// <param name="ListVersion">The user's list version after the change.</param>
public sealed record ReverseListAddedNotification(string Account, string FriendlyName, uint ListVersion) : EndpointNotification;
