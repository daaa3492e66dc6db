namespace Msnp.Server.Presence.Notifications;

/// <summary>An invitation to a switchboard session: <c>RNG</c>.</summary>
/// <param name="SessionId">The session (room) id.</param>
/// <param name="SwitchboardAddress">The <c>host:port</c> of the node that holds the session.</param>
/// <param name="Cookie">The invitation cookie the invitee presents with <c>ANS</c>.</param>
/// <param name="CallerAccount">Who called.</param>
/// <param name="CallerName">The caller's friendly name, URL-encoded.</param>
public sealed record RingNotification(string SessionId, string SwitchboardAddress, string Cookie, string CallerAccount, string CallerName) : EndpointNotification;
