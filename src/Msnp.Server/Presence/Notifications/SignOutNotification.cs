using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// The server ends the session: <c>OUT OTH</c> (signed in elsewhere), <c>OUT SSD</c> (shutting
/// down), or a bare <c>OUT</c> when <paramref name="Reason"/> is null (an operator's kick, a
/// removed account or a changed password).
/// </summary>
/// <param name="Reason">Why, or null for a bare <c>OUT</c>.</param>
public sealed record SignOutNotification(SignOutReason? Reason) : EndpointNotification;
