using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Presence.Notifications;

/// <summary>A contact came online or changed status, name, client id or MSNObject: <c>NLN</c>.</summary>
/// <param name="Presence">The contact's presence as <c>NLN</c> writes it.</param>
public sealed record PresenceNotification(PresenceInfo Presence) : EndpointNotification;
